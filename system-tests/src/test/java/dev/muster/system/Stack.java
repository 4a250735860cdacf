package dev.muster.system;

import dev.muster.testing.TestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Muster's services run as real processes from their jars, against a fresh database each and the test Kafka
 * broker, as {@code ./muster up} runs them. Services can be killed ({@code SIGKILL}) and started again.
 */
final class Stack implements AutoCloseable {

    /** A service of the stack: its jar, its port, its database. */
    record Service(String name, Path jar, int port, TestInfrastructure.Database database) {}

    private static final Path ROOT = Path.of(System.getProperty("muster.root", ".."));
    private static final String VERSION = System.getProperty("muster.version", "0.1.0-SNAPSHOT");

    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, String> extraEnvironment = new HashMap<>();
    private final Map<String, Process> processes = new HashMap<>();
    private final Path logs;

    Stack(String... names) throws IOException {
        logs = Files.createDirectories(ROOT.resolve("system-tests/target/stack-logs"));
        for (String name : names) {
            Path jar = ROOT.resolve(name).resolve("target").resolve(name + "-" + VERSION + ".jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException("missing " + jar + ": build the services first (./mvnw verify builds them before system-tests)");
            }
            services.put(name, new Service(name, jar, freePort(), TestInfrastructure.newDatabase()));
        }
    }

    /** An environment variable for every service of the stack, e.g. the gateway's unix socket. */
    Stack with(String variable, String value) {
        extraEnvironment.put(variable, value);
        return this;
    }

    /**
     * {@code count} simulated members named {@code prefix1…}, the first bootstrapping the cluster through this stack's
     * gateway and the others joining with tokens, as real agents would.
     */
    dev.muster.agent.simulation.SimulatedFleet fleet(int count, String prefix) {
        return dev.muster.agent.simulation.SimulatedFleet.start(
                dev.muster.agent.simulation.FleetSettings.of(count, TestInfrastructure.kafkaBootstrapServers())
                        .withPrefix(prefix)
                        .withJoin(dev.muster.agent.simulation.JoinMode.BOOTSTRAP_FIRST, URI.create("http://127.0.0.1:" + port("gateway"))));
    }

    Stack start() {
        services.keySet().forEach(this::start);
        services.keySet().forEach(this::awaitHealthy);
        return this;
    }

    void start(String name) {
        Service service = services.get(name);
        ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-jar", service.jar().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", String.valueOf(service.port()));
        env.put("SPRING_DATASOURCE_URL", service.database().jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", service.database().username());
        env.put("SPRING_DATASOURCE_PASSWORD", service.database().password());
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers());
        env.put("MUSTER_EVENTING_RELAY_IDLE_POLL", "200ms");
        env.putAll(extraEnvironment);
        for (Service other : services.values()) {
            String key = switch (other.name()) {
                case "membership-service" -> "MUSTER_MEMBERSHIP_URL";
                case "scheduler-service" -> "MUSTER_SCHEDULER_URL";
                case "image-service" -> "MUSTER_IMAGES_URL";
                case "health-monitor" -> "MUSTER_HEALTH_URL";
                default -> null;
            };
            if (key != null) {
                env.put(key, "http://127.0.0.1:" + other.port());
            }
        }
        try {
            processes.put(name, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** Kills a service as a crash would: no shutdown hooks, no flushing. */
    void kill(String name) throws InterruptedException {
        Process process = processes.remove(name);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    void awaitHealthy(String name) {
        Service service = services.get(name);
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            Process process = processes.get(name);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logs.resolve(name + ".log"));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + service.port() + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " did not become healthy; see " + logs.resolve(name + ".log"));
    }

    int port(String name) {
        return services.get(name).port();
    }

    @Override
    public void close() throws InterruptedException {
        for (String name : new java.util.ArrayList<>(processes.keySet())) {
            Process process = processes.remove(name);
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
