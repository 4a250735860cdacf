package dev.muster.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code lxc exec INSTANCE -- true} round trips through the gateway (forwarded to the member's agent, relayed to its
 * daemon) against the same command straight on the member's own daemon, on a stack started with {@code ./muster up
 * --runtime lxd}. The instance is launched on the member (from the busybox image, built and imported if missing)
 * unless it exists. Prints the median and p90 of each, in milliseconds, the two interleaved.
 *
 * <p>{@code ./muster bench exec [--member m2] [--instance bench-exec] [--rounds 50] [--member-lxd-dir DIR]}
 */
public final class ExecBenchmark {

    private ExecBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        Path root = Path.of(options.getOrDefault("root", System.getProperty("muster.root", ".")));
        String member = options.getOrDefault("member", "m2");
        String instance = options.getOrDefault("instance", "bench-exec");
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "50"));
        Path gateway = root.resolve(".muster/run");
        // where the path is too long for a unix socket, ./muster up uses a short alias: pass it as --member-lxd-dir
        Path daemon = Path.of(options.getOrDefault(
                "member-lxd-dir",
                root.resolve(".muster/members").resolve(member).resolve("lxd").toString()));
        if (!Files.exists(gateway.resolve("unix.socket")) || !Files.exists(daemon.resolve("unix.socket"))) {
            throw new IllegalStateException("no gateway socket in " + gateway + " or no daemon socket in " + daemon
                    + ": start the stack first with ./muster up --runtime lxd");
        }
        // lxc query, not lxc info: info also lists the instance's snapshots, which Muster does not serve (404)
        if (lxc(gateway, "query", "/1.0/instances/" + instance).exit() != 0) {
            launch(root, gateway, instance, member);
        }
        for (int i = 0; i < 3; i++) { // warm-up: both paths' first connections, the JIT of the gateway and agent
            mustSucceed(lxc(gateway, "exec", instance, "--", "true"), "exec through the gateway");
            mustSucceed(lxc(daemon, "exec", instance, "--", "true"), "exec on the member's daemon");
        }
        List<Long> through = new ArrayList<>();
        List<Long> direct = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            through.add(timed(gateway, instance));
            direct.add(timed(daemon, instance));
        }
        System.out.printf(
                Locale.ROOT,
                "lxc exec %s -- true, %d rounds each, on member %s:%n"
                        + "  through the gateway: median %.1f ms, p90 %.1f ms%n"
                        + "  straight on the member's daemon: median %.1f ms, p90 %.1f ms%n",
                instance,
                rounds,
                member,
                percentile(through, 50),
                percentile(through, 90),
                percentile(direct, 50),
                percentile(direct, 90));
    }

    private static void launch(Path root, Path gateway, String instance, String member)
            throws IOException, InterruptedException {
        if (lxc(gateway, "image", "info", "busybox").exit() != 0) {
            Path tarball = Files.createTempDirectory("muster-bench-exec").resolve("busybox.tar.gz");
            Process build = new ProcessBuilder(root.resolve("bin/busybox-image").toString(), tarball.toString())
                    .redirectErrorStream(true)
                    .start();
            String built = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (build.waitFor() != 0) {
                throw new IllegalStateException("bin/busybox-image failed: " + built);
            }
            mustSucceed(lxc(gateway, "image", "import", tarball.toString(), "--alias", "busybox"), "importing busybox");
        }
        mustSucceed(lxc(gateway, "launch", "busybox", instance, "--target", member), "launching " + instance);
    }

    private static long timed(Path lxdDir, String instance) throws IOException, InterruptedException {
        long start = System.nanoTime();
        mustSucceed(lxc(lxdDir, "exec", instance, "--", "true"), "exec in " + lxdDir);
        return System.nanoTime() - start;
    }

    private static double percentile(List<Long> nanos, int percent) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private record Run(int exit, String out) {}

    private static void mustSucceed(Run run, String what) {
        if (run.exit() != 0) {
            throw new IllegalStateException(what + " failed (" + run.exit() + "): " + run.out());
        }
    }

    private static Run lxc(Path lxdDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("lxc"));
        command.addAll(List.of(args));
        // the output goes to a file, so that the timeout holds even when lxc hangs with its output open
        Path output = Files.createTempFile("muster-bench-exec", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("LXD_DIR", lxdDir.toString());
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(); // SIGKILL: lxc exec passes SIGTERM on to the command
                return new Run(-1, Files.readString(output, StandardCharsets.UTF_8) + " (timed out after 60 s)");
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
