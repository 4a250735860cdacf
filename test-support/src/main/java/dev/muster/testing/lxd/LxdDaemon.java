package dev.muster.testing.lxd;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A standalone LXD daemon for one test class, run as root in its own short directory under /tmp ({@code LXD_DIR}),
 * with a storage pool {@code default} (dir driver) and the root disk in the default profile; stopped and removed
 * with everything in it after the class. Register one per daemon the class needs:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LxdDaemon lxd = new LxdDaemon();
 * }</pre>
 *
 * <p>Where LXD is not installed (or the tests do not run as root) the class is skipped; on CI ({@code CI=true}) it
 * fails instead, naming the package to install. {@link #busyboxImage(Path)} builds a tiny bootable image.
 */
public final class LxdDaemon implements BeforeAllCallback, AfterAllCallback {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final List<String> APPLETS = List.of("sh", "sleep", "echo", "cat", "ls", "ps", "mkdir", "true");

    private Path directory;
    private Process daemon;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        requireLxd();
        start();
    }

    /**
     * Skips the calling test class where no LXD daemon can run here (LXD missing, not root, no static busybox), but
     * fails on CI ({@code CI=true}) instead, naming the package to install.
     */
    public static void requireLxd() {
        String missing = missing();
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(
                        missing + " (CI=true: install the packages lxd, lxd-client, busybox-static)");
            }
            Assumptions.abort(missing + "; the LXD tests are skipped");
        }
    }

    /** Why no daemon can run here, or null. */
    private static String missing() {
        if (!onPath("lxd") || !onPath("lxc")) {
            return "LXD is not installed (no lxd and lxc on the PATH; the package is lxd)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "A standalone LXD daemon needs root";
        }
        if (!Files.isExecutable(BUSYBOX)) {
            return "No " + BUSYBOX + " for the test image (the package is busybox-static)";
        }
        return null;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** Starts the daemon, waits until it is ready, and gives it its pool and root disk. */
    public void start() throws IOException, InterruptedException {
        directory = Files.createTempDirectory(Path.of("/tmp"), "lxd");
        ProcessBuilder builder = new ProcessBuilder(
                        "lxd",
                        "--group",
                        "root",
                        "--logfile",
                        directory.resolve("lxd.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("lxd.out").toFile());
        environment(builder);
        daemon = builder.start();
        run(READY_TIMEOUT, "lxd", "waitready", "--timeout", Long.toString(READY_TIMEOUT.toSeconds()));
        lxc("storage", "create", "default", "dir");
        lxc("profile", "device", "add", "default", "root", "disk", "path=/", "pool=default");
    }

    private void environment(ProcessBuilder builder) {
        builder.environment().put("LXD_DIR", directory.toString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Shuts the daemon down (its instances with it), kills it if it does not go, and removes its directory. */
    public void stop() {
        if (daemon == null) {
            return;
        }
        try {
            run(SHUTDOWN_TIMEOUT, "lxd", "shutdown", "--timeout", Long.toString(SHUTDOWN_TIMEOUT.toSeconds()));
        } catch (RuntimeException | IOException | InterruptedException e) {
            // killed below
        }
        try {
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        daemon = null;
        unmountUnder(directory);
        removeQuietly(directory);
    }

    /** The daemon's {@code LXD_DIR}. */
    public Path directory() {
        return directory;
    }

    /** Its REST API. */
    public Path socket() {
        return directory.resolve("unix.socket");
    }

    /** Runs {@code lxc} against this daemon and returns what it printed; fails if it fails. */
    public String lxc(String... arguments) {
        List<String> command = new ArrayList<>(List.of("lxc"));
        command.addAll(List.of(arguments));
        try {
            return run(COMMAND_TIMEOUT, command.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(directory, "command", ".out");
        try {
            // no standard input: lxc launch reads YAML config from it unless it is a terminal
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(NO_INPUT)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            environment(builder);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout);
            }
            String printed = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed (" + process.exitValue() + "): " + printed);
            }
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * Builds a tiny bootable image into {@code directory}: a gzipped tarball of {@code metadata.yaml} and a root file
     * system of busybox, its applets, and an init that sleeps forever.
     *
     * @return the tarball, named {@code busybox.tar.gz}
     */
    public static Path busyboxImage(Path directory) {
        try {
            Path build = Files.createTempDirectory(directory, "busybox");
            Path rootfs = build.resolve("rootfs");
            for (String dir : List.of("bin", "sbin", "dev", "proc", "sys", "tmp", "etc", "root")) {
                Files.createDirectories(rootfs.resolve(dir));
            }
            Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            for (String applet : APPLETS) {
                Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            Path init = rootfs.resolve("sbin/init");
            Files.writeString(init, "#!/bin/busybox sh\nwhile true; do /bin/busybox sleep 3600; done\n");
            Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(
                    build.resolve("metadata.yaml"),
                    "architecture: x86_64\ncreation_date: 1700000000\nproperties:\n  os: busybox\n"
                            + "  description: Muster test image\n",
                    StandardCharsets.UTF_8);
            Path tarball = directory.resolve("busybox.tar.gz");
            Process tar = new ProcessBuilder(
                            "tar", "-C", build.toString(), "-czf", tarball.toString(), "metadata.yaml", "rootfs")
                    .redirectErrorStream(true)
                    .start();
            String printed = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar failed: " + printed);
            }
            removeQuietly(build);
            return tarball;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Imports the image tarball into this daemon under {@code alias}; returns its fingerprint. */
    public String importImage(Path tarball, String alias) {
        lxc("image", "import", tarball.toString(), "--alias", alias);
        return fingerprint(tarball);
    }

    /** The SHA-256 of a unified image's tarball: its LXD fingerprint. */
    public static String fingerprint(Path tarball) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tarball)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whatever the daemon left mounted in its directory (its shared mounts), innermost first. */
    private static void unmountUnder(Path directory) {
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(line -> line.split(" ")[1])
                    .filter(point -> point.startsWith(directory + "/"))
                    .sorted(Comparator.reverseOrder())
                    .toList();
            for (String point : mounts) {
                new ProcessBuilder("umount", "-l", point)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // nothing more to do: the directory is removed as far as it can be
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a file still held (a mount): left to the temp directory's cleaner
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // as above
        }
    }
}
