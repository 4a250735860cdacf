package dev.muster.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.system.LxcCli.Run;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real {@code lxc} (5.0.2) creates instances through the gateway's unix socket as it would on a local LXD: it
 * follows each operation on {@code /1.0/events} (a websocket), and {@code lxc list} needs {@code api_filtering}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(value = "lxcInstalled", disabledReason = "lxc is not installed (apt-get install lxd-client)")
class LxcLaunchThroughTheGatewayTest {

    @RegisterExtension
    static final MusterStack stack = MusterStack.of(
                    "membership-service", "health-monitor", "scheduler-service", "image-service", "gateway")
            .withImageStore()
            .withUnixSocket()
            .withFleet(3, "m");

    static Path lxdDir;

    static boolean lxcInstalled() {
        return LxcCli.installed();
    }

    @BeforeAll
    static void importImage() throws Exception {
        lxdDir = stack.lxdDir();
        Path tarball = Files.createTempFile("muster-bb", ".tar.gz");
        Files.write(tarball, ImageTarballs.unified("x86_64", "Busybox-like", 64 << 10));
        Run imported = lxc("image", "import", tarball.toString(), "--alias", "bb");
        assertThat(imported.exit()).as(imported.out()).isZero();
    }

    @Test
    @Order(1)
    void lxcInitFollowsItsOperationToTheEndAndListShowsWhereTheInstanceIs() throws Exception {
        Run init = lxc("init", "bb", "c1");

        assertThat(init.exit()).as(init.out()).isZero();
        Run list = lxc("list", "--format", "csv", "-c", "nsL");
        assertThat(list.exit()).as(list.out()).isZero();
        assertThat(list.out()).containsPattern("(?m)^c1,[A-Z]+,m[123]$");
    }

    @Test
    @Order(2)
    void lxcInitOnATargetMemberPutsTheInstanceThere() throws Exception {
        Run init = lxc("init", "bb", "c2", "--target", "m2");

        assertThat(init.exit()).as(init.out()).isZero();
        Run list = lxc("list", "c2", "--format", "csv", "-c", "nL");
        assertThat(list.out().trim()).as(list.out()).isEqualTo("c2,m2");
    }

    @Test
    @Order(4)
    void lxcLaunchOnATargetMemberPutsTheInstanceThereRunning() throws Exception {
        Run launch = lxc("launch", "bb", "c4", "--target", "m2");

        assertThat(launch.exit()).as(launch.out()).isZero();
        Run list = lxc("list", "c4", "--format", "csv", "-c", "nsL");
        assertThat(list.out().trim()).as(list.out()).isEqualTo("c4,RUNNING,m2");
    }

    @Test
    @Order(3)
    void lxcMonitorReceivesTheOperationOfAnInstanceBeingCreated() throws Exception {
        Path out = Files.createTempFile("muster-monitor", ".log");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/lxc", "monitor", "--type=operation")
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile());
        builder.environment().put("LXD_DIR", lxdDir.toString());
        builder.environment().put("HOME", lxdDir.toString());
        Process monitor = builder.start();
        try {
            Thread.sleep(Duration.ofSeconds(2)); // until it is connected: events before are not replayed
            assertThat(monitor.isAlive()).as(Files.readString(out)).isTrue();

            Run init = lxc("init", "bb", "c3");
            assertThat(init.exit()).as(init.out()).isZero();

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!finished(Files.readString(out), "c3") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String seen = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(seen).contains("type: operation", "/1.0/instances/c3", "status: Success");
        } finally {
            monitor.destroy();
            monitor.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Whether {@code lxc monitor} printed the successful end of an operation on instance {@code name}. */
    private static boolean finished(String monitored, String name) {
        return monitored.contains("/1.0/instances/" + name) && monitored.contains("status: Success");
    }

    private static Run lxc(String... args) throws IOException, InterruptedException {
        return LxcCli.run(lxdDir, args);
    }
}
