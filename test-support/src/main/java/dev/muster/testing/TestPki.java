package dev.muster.testing;

import dev.muster.internaltls.InternalPki;
import dev.muster.testing.stack.StackDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * An internal PKI made for tests by the project's own {@code bin/muster-pki}, as {@code ./muster up} makes
 * {@code .muster/pki}: a CA and one certificate per principal. {@link #shared()} is the one of this test JVM (the
 * services of {@code ServiceStack}, the in-JVM agents and the tests' own direct calls use it); {@link #another()}
 * is a stranger's, whose certificates Muster must refuse.
 */
public final class TestPki {

    /** Every principal of a stack: the services, the gateway, the member agents, and the tests themselves. */
    public static final List<String> PRINCIPALS = List.of(
            "membership-service",
            "scheduler-service",
            "image-service",
            "health-monitor",
            "gateway",
            "member-agent",
            "test-client");

    private static TestPki shared;

    private final Path directory;

    private TestPki(Path directory) {
        this.directory = directory;
    }

    /** This JVM's PKI, made on first use; its directory is deleted when the JVM exits. */
    public static synchronized TestPki shared() {
        if (shared == null) {
            shared = make();
        }
        return shared;
    }

    /** A PKI of its own, with another CA and the same principals' names. */
    public static TestPki another() {
        return make();
    }

    public Path directory() {
        return directory;
    }

    public InternalPki principal(String name) {
        return InternalPki.load(directory, name);
    }

    /** The TLS context of a principal: presents its certificate, trusts only this PKI's CA. */
    public SSLContext sslContext(String name) {
        return principal(name).sslContext();
    }

    private static TestPki make() {
        try {
            Path directory = Files.createTempDirectory("muster-pki");
            List<String> command = new ArrayList<>();
            command.add(StackDefinition.root().resolve("bin/muster-pki").toString());
            command.add(directory.toString());
            command.addAll(PRINCIPALS);
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("bin/muster-pki failed: " + output);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
            return new TestPki(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // best effort: a temporary directory
        }
    }
}
