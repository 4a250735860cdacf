package dev.muster.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.system.LxcCli.Run;
import java.io.File;
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
 * LXD's trust flow with the real {@code lxc} (5.0.2): an administrator on the unix socket issues a trust token
 * ({@code lxc config trust add}); a client with a FRESH configuration ({@code LXD_CONF} in an empty folder) adds the
 * gateway as a remote with it and then works over HTTPS with its own certificate. Tokens are single use, can be revoked
 * and expire; removing a client's certificate cuts it off at its next request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(value = "lxcInstalled", disabledReason = "lxc is not installed (apt-get install lxd-client)")
class LxcTrustFlowTest {

    @RegisterExtension
    static final MusterStack stack = MusterStack.of(
                    "membership-service", "health-monitor", "scheduler-service", "image-service", "gateway")
            .withImageStore()
            .withUnixSocket()
            .withFleet(3, "m");

    static Path lxdDir;
    static Path laptop;
    static String laptopToken;

    static boolean lxcInstalled() {
        return LxcCli.installed();
    }

    @BeforeAll
    static void issueAToken() throws Exception {
        lxdDir = stack.lxdDir();
        laptop = Files.createTempDirectory("muster-lxc-conf");
        laptopToken = issueToken("laptop");
    }

    @Test
    @Order(1)
    void freshClientAddsTheGatewayWithATokenAndWorksOverHttps() throws Exception {
        Run add = remote(laptop, "remote", "add", "muster", laptopToken);
        assertThat(add.exit()).as(add.out()).isZero();

        Run members = remote(laptop, "cluster", "list", "muster:", "--format", "csv");
        assertThat(members.exit()).as(members.out()).isZero();
        assertThat(members.out()).contains("m1", "m2", "m3");

        Path tarball = Files.createTempFile("muster-bb", ".tar.gz");
        Files.write(tarball, ImageTarballs.unified("x86_64", "Busybox-like", 64 << 10));
        Run imported = remote(laptop, "image", "import", tarball.toString(), "muster:", "--alias", "bb");
        assertThat(imported.exit()).as(imported.out()).isZero();
        Run init = remote(laptop, "init", "muster:bb", "muster:c1");
        assertThat(init.exit()).as(init.out()).isZero();

        Run trusted = local("config", "trust", "list", "--format", "csv");
        assertThat(trusted.out()).contains("laptop");
    }

    @Test
    @Order(2)
    void aUsedTokenCannotAddASecondClient() throws Exception {
        Path other = Files.createTempDirectory("muster-lxc-conf");

        Run add = remote(other, "remote", "add", "muster", laptopToken);

        assertThat(add.exit()).as(add.out()).isNotZero();
        assertThat(add.out()).contains("No matching certificate add operation found");
    }

    @Test
    @Order(3)
    void aRevokedTokenIsRefusedAndListTokensShowsOnlyPendingOnes() throws Exception {
        String token = issueToken("revoked");
        assertThat(local("config", "trust", "list-tokens", "--format", "csv").out())
                .contains("revoked");

        Run revoke = local("config", "trust", "revoke-token", "revoked");
        assertThat(revoke.exit()).as(revoke.out()).isZero();
        assertThat(local("config", "trust", "list-tokens", "--format", "csv").out())
                .doesNotContain("revoked");

        Run add = remote(Files.createTempDirectory("muster-lxc-conf"), "remote", "add", "muster", token);
        assertThat(add.exit()).as(add.out()).isNotZero();
    }

    @Test
    @Order(4)
    void anExpiredTokenIsRefused() throws Exception {
        assertThat(local("config", "set", "core.remote_token_expiry", "1S").exit())
                .isZero();
        String token = issueToken("late");
        Thread.sleep(2_500);

        Run add = remote(Files.createTempDirectory("muster-lxc-conf"), "remote", "add", "muster", token);

        assertThat(add.exit()).as(add.out()).isNotZero();
        assertThat(local("config", "unset", "core.remote_token_expiry").exit()).isZero();
    }

    @Test
    @Order(5)
    void removingTheCertificateCutsTheClientOffAtItsNextRequest() throws Exception {
        String fingerprint = local("config", "trust", "list", "--format", "csv")
                .out()
                .lines()
                .filter(line -> line.contains("laptop"))
                .findFirst()
                .orElseThrow()
                .split(",")[3];
        Run removed = local("config", "trust", "remove", fingerprint);
        assertThat(removed.exit()).as(removed.out()).isZero();

        Run members = remote(laptop, "cluster", "list", "muster:");

        assertThat(members.exit()).as(members.out()).isNotZero();
        assertThat(members.out()).contains("not authorized");
    }

    private static String issueToken(String name) throws Exception {
        Run issued = local("config", "trust", "add", "--name", name);
        assertThat(issued.exit()).as(issued.out()).isZero();
        List<String> lines =
                issued.out().lines().filter(line -> !line.isBlank()).toList();
        return lines.getLast().trim();
    }

    private static Run local(String... args) throws IOException, InterruptedException {
        return LxcCli.run(lxdDir, args);
    }

    /** lxc with its own configuration folder ({@code LXD_CONF}), as a client on another machine. */
    private static Run remote(Path conf, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/lxc"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("LXD_DIR");
        builder.environment().put("LXD_CONF", conf.toString());
        builder.environment().put("HOME", conf.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, out + " (timed out)");
        }
        return new Run(process.exitValue(), out);
    }
}
