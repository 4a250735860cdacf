package dev.muster.testing.stack;

import dev.muster.kafka.access.KafkaConnection;
import dev.muster.testing.Await;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Muster's services as real processes from their jars, as {@code ./muster up} runs them: the JVM flags of
 * {@code stack.env} ({@code MUSTER_SERVICE_JVM}), the same environment variables, each service against a fresh
 * database of its own and the test Kafka broker ({@link TestInfrastructure}), on free loopback ports. A service can be
 * killed ({@code SIGKILL}) and started again. The one launcher of the system tests and the benchmarks.
 */
public final class ServiceStack implements AutoCloseable {

    /** The services a stack may run, in {@code ./muster}'s start order, with their name in the variables. */
    private static final Map<String, String> KEYS = orderedKeys();

    // a service starts in ~3 s on an idle machine, but in over 2 minutes on 2 cores shared with several builds;
    // -Dmuster.stack.healthy-seconds=N gives it longer still
    private static final Duration HEALTHY_TIMEOUT =
            Duration.ofSeconds(Long.getLong("muster.stack.healthy-seconds", 300));

    /** A service of the stack: its jar, its port, its database. */
    public record Service(String name, Path jar, int port, TestInfrastructure.Database database) {}

    private final StackDefinition definition;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, String> extraEnvironment;
    private final Map<String, Process> processes = new HashMap<>();
    private final Path logs;
    private final TestPki pki = TestPki.shared();
    /** The tests' own principal: the services' ports let in only callers with an internal certificate. */
    private final HttpClient http = HttpClient.newBuilder()
            .sslContext(pki.sslContext("test-client"))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    /** The gateway's HTTPS door ({@code core.https_address}); a free port of its own. */
    private final int httpsPort = freePort();

    private ServiceStack(List<String> names, Map<String, String> extraEnvironment, Path logs) {
        this.definition = StackDefinition.load();
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.logs = logs;
        for (String name : names) {
            if (!KEYS.containsKey(name)) {
                throw new IllegalArgumentException(
                        "not a Muster service: " + name + " (services: " + KEYS.keySet() + ")");
            }
            Path jar = definition
                    .repositoryRoot()
                    .resolve(name)
                    .resolve("target")
                    .resolve(name + "-" + StackDefinition.projectVersion() + ".jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(
                        "missing " + jar + ": build the services first (./mvnw -pl " + name + " -am package)");
            }
            services.put(name, new Service(name, jar, freePort(), TestInfrastructure.newDatabase()));
        }
    }

    /** A stack of the named services (module names, e.g. {@code membership-service}, {@code gateway}). */
    public static Builder of(String... services) {
        return new Builder(List.of(services));
    }

    /** What to start; {@link #start()} starts it. */
    public static final class Builder {
        private final List<String> services;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path logs = Path.of("target", "stack-logs").toAbsolutePath();

        private Builder(List<String> services) {
            this.services = services;
        }

        /** An environment variable for every service, e.g. {@code MUSTER_IMAGES_STORE}; wins over the stack's own. */
        public Builder with(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        /** Where each service's log goes ({@code NAME.log}); default {@code target/stack-logs} of the working directory. */
        public Builder logs(Path directory) {
            this.logs = directory.toAbsolutePath();
            return this;
        }

        /** Starts every service and returns once all are healthy. */
        public ServiceStack start() {
            try {
                Files.createDirectories(logs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ServiceStack stack = new ServiceStack(services, environment, logs);
            try {
                stack.startAll();
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
            return stack;
        }
    }

    private void startAll() {
        List<String> order = new ArrayList<>(KEYS.keySet());
        order.retainAll(services.keySet());
        order.forEach(this::start); // all at once: the gateway finds the others when it routes, not when it starts
        order.forEach(this::awaitHealthy);
    }

    /** Starts one service's process (again, after {@link #kill}); {@link #awaitHealthy} waits for it. */
    public void start(String name) {
        Service service = service(name);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(definition.flags("MUSTER_SERVICE_JVM"));
        command.addAll(List.of("-jar", service.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        builder.environment().putAll(environmentOf(service));
        try {
            processes.put(name, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** The variables a service gets: those of {@code stack.env}'s scheme, pointing at this stack. */
    private Map<String, String> environmentOf(Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        TestInfrastructure.Database database = service.database();
        env.put("MUSTER_PG_HOST", database.host());
        env.put("MUSTER_PG_PORT", String.valueOf(database.port()));
        env.put("MUSTER_PG_USER", database.username());
        env.put("MUSTER_PG_PASSWORD", database.password());
        env.put("MUSTER_DATABASE", database.name());
        KafkaConnection kafka = TestInfrastructure.kafkaAs(service.name());
        env.put("MUSTER_KAFKA", kafka.bootstrapServers());
        env.put("MUSTER_KAFKA_USER", kafka.principal());
        env.put("MUSTER_KAFKA_PASSWORD", kafka.password());
        env.put("MUSTER_BIND_ADDRESS", "127.0.0.1");
        env.put("MUSTER_PKI", pki.directory().toString());
        for (Service other : services.values()) {
            String key = KEYS.get(other.name());
            env.put("MUSTER_" + key + "_PORT", String.valueOf(other.port()));
            env.put("MUSTER_" + key + "_URL", baseUrl(other.name()).toString());
        }
        env.put("MUSTER_GATEWAY_HTTPS_PORT", String.valueOf(httpsPort));
        env.put(
                "MUSTER_EVENTING_RELAY_IDLE_POLL",
                "200ms"); // events leave the outbox sooner than the services' default
        env.putAll(extraEnvironment);
        return env;
    }

    /** Kills a service as a crash would: no shutdown hooks, no flushing. */
    public void kill(String name) {
        Process process = processes.remove(name);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until the service answers {@code /actuator/health} with UP; fails at once if its process exits. */
    public void awaitHealthy(String name) {
        Await.until(name + " to be healthy (see " + log(name) + ")", HEALTHY_TIMEOUT, () -> {
            Process process = processes.get(name);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log(name));
            }
            return healthy(name);
        });
    }

    private boolean healthy(String name) {
        try {
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl(name) + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port(String name) {
        return service(name).port();
    }

    /**
     * A service's own address: {@code https://127.0.0.1:PORT}, where only callers with a certificate of
     * {@link #pki()} get in (the gateway's: plain {@code http}, it is the public door; every service's, when the
     * stack was started {@code with("MUSTER_PKI", "")}, for a measurement without internal TLS).
     */
    public URI baseUrl(String name) {
        boolean internalTls = !"gateway".equals(name) && !"".equals(extraEnvironment.get("MUSTER_PKI"));
        return URI.create((internalTls ? "https" : "http") + "://127.0.0.1:" + port(name));
    }

    /** The internal PKI the services of this stack trust (this test JVM's {@link TestPki#shared()}). */
    public TestPki pki() {
        return pki;
    }

    /**
     * A client that presents the principal {@code name}'s internal certificate (e.g. {@code test-client}, or
     * {@code member-agent} for an agent's rights), as a service's own port requires.
     */
    public HttpClient internalClient(String name) {
        return HttpClient.newBuilder()
                .sslContext(pki.sslContext(name))
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /** The gateway's address, {@code http://127.0.0.1:PORT}. */
    public URI gateway() {
        return URI.create("http://127.0.0.1:" + port("gateway"));
    }

    /** The gateway's HTTPS door, {@code https://127.0.0.1:PORT}, where clients are trusted by certificate. */
    public URI httpsGateway() {
        return URI.create("https://127.0.0.1:" + httpsPort);
    }

    /** The process id of a running service. */
    public long pid(String name) {
        Process process = processes.get(name);
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    public Path log(String name) {
        return logs.resolve(name + ".log");
    }

    private Service service(String name) {
        Service service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException(name + " is not part of this stack " + services.keySet());
        }
        return service;
    }

    /** Stops every service: SIGTERM, and SIGKILL after 10 s. */
    @Override
    public void close() {
        for (String name : new ArrayList<>(processes.keySet())) {
            Process process = processes.remove(name);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, String> orderedKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("membership-service", "MEMBERSHIP");
        keys.put("scheduler-service", "SCHEDULER");
        keys.put("image-service", "IMAGES");
        keys.put("health-monitor", "HEALTH");
        keys.put("gateway", "GATEWAY");
        return keys;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
