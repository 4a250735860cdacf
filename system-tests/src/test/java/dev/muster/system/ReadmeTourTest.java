package dev.muster.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.testing.stack.StackDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's tour runs as written, in order, on a cluster as {@code ./muster up} leaves it (m1 bootstrapped, m2
 * and m3 joined): the test takes the tour's bash block from README.md and runs it with bash, only the gateway's
 * unix socket and HTTPS port moved to this stack's.
 */
class ReadmeTourTest {

    private static final String TOUR = "## A two-minute tour with curl";
    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final String README_SOCKET = ".muster/run/unix.socket";
    private static final String README_HTTPS = "https://127.0.0.1:8443";
    private static final int TOUR_SECONDS = 120;

    @RegisterExtension
    static final MusterStack stack = MusterStack.of(
                    "membership-service", "health-monitor", "scheduler-service", "image-service", "gateway")
            .withUnixSocket()
            .withFleet(3, "m");

    @Test
    void theTourRunsAsWrittenRightAfterMusterUp() throws IOException, InterruptedException {
        String readme = Files.readString(StackDefinition.root().resolve("README.md"));
        Matcher block = BASH_BLOCK.matcher(readme.substring(readme.indexOf(TOUR)));
        assertThat(block.find()).as("the tour's bash block").isTrue();
        String script = block.group(1)
                .replace(README_SOCKET, stack.lxdDir().resolve("unix.socket").toString())
                .replace(README_HTTPS, stack.httpsGateway().toString());

        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(TOUR_SECONDS, TimeUnit.SECONDS))
                .as("the tour ends")
                .isTrue();

        assertThat(bash.exitValue())
                .as("the tour's exit status; it printed:%n%s", out)
                .isZero();
        assertThat(out)
                .contains("\"m1\"", "\"m2\"", "\"m3\"")
                .contains("This server is already clustered")
                .contains("No matching cluster join operation found")
                .contains("\"Cancelled\"")
                .contains("cluster.max_voters")
                .contains("\"not found\"")
                .contains("\"untrusted\"")
                .contains("\"not authorized\"")
                .doesNotContain("Internal Server Error")
                .doesNotContain("\"error_code\": 500");
    }
}
