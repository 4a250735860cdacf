package dev.muster.system;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code lxc} client (Debian's lxd-client), pointed at a gateway's unix socket through {@code LXD_DIR}. */
final class LxcCli {

    /** What a run printed (stdout and stderr together) and how it exited (-1: it did not end within a minute). */
    record Run(int exit, String out) {}

    private static final Path LXC = Path.of("/usr/bin/lxc");

    private LxcCli() {}

    /**
     * Whether the tests that drive Muster with the real lxc can run. Where lxc is missing they are skipped on a
     * developer's machine, but in CI ({@code CI=true}, set by {@code .ci/run}, which installs lxd-client) a missing lxc
     * is a failure: a skipped test there would hide that nothing was checked.
     */
    static boolean installed() {
        if (Files.isExecutable(LXC)) {
            return true;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but lxc is not installed: .ci/run installs lxd-client");
        }
        return false;
    }

    static Run run(Path lxdDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LXC.toString()));
        command.addAll(List.of(args));
        // stdin is not a terminal: lxc init/launch would read a YAML config from it until it ends
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("LXD_DIR", lxdDir.toString());
        builder.environment().put("HOME", lxdDir.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, out + " (timed out)");
        }
        return new Run(process.exitValue(), out);
    }
}
