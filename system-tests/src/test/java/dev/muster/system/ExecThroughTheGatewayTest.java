package dev.muster.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.system.LxcCli.Run;
import dev.muster.testing.stack.StackDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real {@code lxc exec} through the gateway's unix socket, on an instance of the second member's daemon: the
 * gateway forwards exec to that member's agent, which relays it and the operation's websockets to its daemon.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(value = "lxcInstalled", disabledReason = "lxc is not installed (apt-get install lxd-client)")
class ExecThroughTheGatewayTest {

    @RegisterExtension
    static final MusterStack stack = MusterStack.of(
                    "membership-service", "health-monitor", "scheduler-service", "image-service", "gateway")
            .withImageStore()
            .withUnixSocket()
            .withLxdMembers(2, "m");

    static boolean lxcInstalled() {
        return LxcCli.installed(); // fails instead on CI
    }

    @BeforeAll
    static void aRunningInstanceOnTheSecondMember() throws Exception {
        Path tarball = Files.createTempDirectory("muster-busybox").resolve("busybox.tar.gz");
        Process build = new ProcessBuilder(
                        StackDefinition.root().resolve("bin/busybox-image").toString(), tarball.toString())
                .redirectErrorStream(true)
                .start();
        String built = new String(build.getInputStream().readAllBytes());
        assertThat(build.waitFor()).as(built).isZero();
        assertLxcOk("image", "import", tarball.toString(), "--alias", "busybox");
        assertLxcOk("launch", "busybox", "c1", "--target", "m2");
        assertLxcOk("init", "busybox", "idle", "--target", "m2");
    }

    @Test
    @Order(1)
    void execPrintsTheCommandsOutput() throws Exception {
        Run exec = lxc(null, "exec", "c1", "--", "echo", "hello");

        assertThat(exec.exit()).as(exec.out()).isZero();
        assertThat(exec.out()).isEqualTo("hello\n");
    }

    @Test
    @Order(2)
    void execExitsWithTheCommandsExitCode() throws Exception {
        Run exec = lxc(null, "exec", "c1", "--", "sh", "-c", "exit 3");

        assertThat(exec.exit()).as(exec.out()).isEqualTo(3);
    }

    @Test
    @Order(3)
    void execFeedsItsStandardInputToTheCommand() throws Exception {
        Run exec = lxc("x\n", "exec", "c1", "--", "cat");

        assertThat(exec.exit()).as(exec.out()).isZero();
        assertThat(exec.out()).isEqualTo("x\n");
    }

    @Test
    @Order(4)
    void execRunsInTheMembersDaemonWhereTheInstanceIs() throws Exception {
        assertLxcOk("exec", "c1", "--", "sh", "-c", "echo through-muster > /root/marker");

        assertThat(stack.daemon("m2").lxc("exec", "c1", "--", "cat", "/root/marker"))
                .isEqualTo("through-muster\n");
    }

    @Test
    @Order(5)
    void execOfAnUnknownInstanceIsLxdsNotFound() throws Exception {
        Run exec = lxc(null, "exec", "nothing-here", "--", "true");

        assertThat(exec.exit()).as(exec.out()).isNotZero();
        assertThat(exec.out()).containsIgnoringCase("not found");
    }

    @Test
    @Order(6)
    void execOfAStoppedInstanceIsLxdsInstanceIsNotRunning() throws Exception {
        Run exec = lxc(null, "exec", "idle", "--", "true");

        assertThat(exec.exit()).as(exec.out()).isNotZero();
        assertThat(exec.out()).contains("Instance is not running");
    }

    @Test
    @Order(7)
    void execOnAMemberWhoseAgentIsDownFailsNamingTheMember() throws Exception {
        stack.agent("m2").kill();

        Run exec = lxc(null, "exec", "c1", "--", "true");

        assertThat(exec.exit()).as(exec.out()).isNotZero();
        assertThat(exec.out()).contains("m2");
        System.out.println(
                "[figures] exec on a member whose agent is down: " + exec.out().trim());
    }

    private static void assertLxcOk(String... args) throws Exception {
        Run run = lxc(null, args);
        assertThat(run.exit()).as(String.join(" ", args) + ": " + run.out()).isZero();
    }

    /** Runs lxc with {@code input} on its standard input (none: /dev/null); stdout and stderr together. */
    private static Run lxc(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/lxc"));
        command.addAll(List.of(args));
        Path in = Files.createTempFile("muster-exec-in", ".txt");
        Files.writeString(in, input == null ? "" : input);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectInput(in.toFile());
        builder.environment().put("LXD_DIR", stack.lxdDir().toString());
        builder.environment().put("HOME", stack.lxdDir().toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, out + " (timed out)");
        }
        Files.deleteIfExists(in);
        return new Run(process.exitValue(), out);
    }
}
