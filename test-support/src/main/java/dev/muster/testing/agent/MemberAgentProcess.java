package dev.muster.testing.agent;

import dev.muster.kafka.access.KafkaConnection;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.TestPki;
import dev.muster.testing.stack.StackDefinition;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One member's {@code member-agent} as a process of its own, from the module's jar, as {@code ./muster up} runs it: the
 * agent JVM flags of {@code stack.env} ({@code MUSTER_AGENT_JVM}), {@code --gateway}, {@code --kafka}, the member's
 * name, a state directory of its own and, with {@link Builder#lxd(Path)}, {@code --runtime lxd --lxd-dir DIR}. The
 * first start bootstraps the cluster or joins it with a token; later starts (after {@link #stop()} or {@link #kill()})
 * come back as the member it already is.
 *
 * <pre>{@code
 * MemberAgentProcess m1 = MemberAgentProcess.member("m1", gateway, kafka).lxd(daemon.directory()).bootstrap().start();
 * MemberAgentProcess m2 = MemberAgentProcess.member("m2", gateway, kafka).lxd(dir2).join().start();
 * }</pre>
 */
public final class MemberAgentProcess implements AutoCloseable {

    private static final long STOP_SECONDS = 15;

    private final String name;
    private final List<String> command;
    private final List<String> firstStartArguments;
    private final Map<String, String> environment;
    private final Path log;
    private boolean started;
    private Process process;

    private MemberAgentProcess(
            String name,
            List<String> command,
            List<String> firstStartArguments,
            Map<String, String> environment,
            Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.firstStartArguments = List.copyOf(firstStartArguments);
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /** The agent of member {@code name} for the cluster behind {@code gateway}, on the Kafka at {@code kafka}. */
    public static Builder member(String name, URI gateway, String kafka) {
        return new Builder(name, gateway, kafka);
    }

    /** How the agent runs; {@link #start()} starts it. */
    public static final class Builder {
        private final String name;
        private final URI gateway;
        private final String kafka;
        private Path lxdDir;
        private Path stateDir;
        private Path logs = Path.of("target", "stack-logs").toAbsolutePath();
        private final List<String> join = new ArrayList<>();
        private final List<String> extra = new ArrayList<>();

        private Builder(String name, URI gateway, String kafka) {
            this.name = name;
            this.gateway = gateway;
            this.kafka = kafka;
        }

        /** Instances in the standalone LXD daemon whose {@code LXD_DIR} is {@code directory}. */
        public Builder lxd(Path directory) {
            this.lxdDir = directory;
            return this;
        }

        /** Where the agent keeps its image copies (default: a fresh temporary directory). */
        public Builder stateDir(Path directory) {
            this.stateDir = directory;
            return this;
        }

        /** Where its log goes, {@code agent-NAME.log} (default: {@code target/stack-logs}). */
        public Builder logs(Path directory) {
            this.logs = directory.toAbsolutePath();
            return this;
        }

        /** The first start bootstraps the cluster with this member. */
        public Builder bootstrap() {
            join.clear();
            join.addAll(List.of("--bootstrap", "--address", address()));
            return this;
        }

        /** The first start joins the cluster with a join token it asks the gateway for ({@link #issueToken}). */
        public Builder join() {
            join.clear();
            join.add("--token");
            join.add(""); // asked for at the first start
            join.addAll(List.of("--address", address()));
            return this;
        }

        /** More agent options, e.g. {@code --inventory-interval 5s}. */
        public Builder option(String option, String value) {
            extra.addAll(List.of(option, value));
            return this;
        }

        private String address() {
            return "127.0.1." + (Math.abs(name.hashCode() % 250) + 1) + ":8443";
        }

        /** Builds the agent without starting it. */
        public MemberAgentProcess build() {
            StackDefinition definition = StackDefinition.load();
            Path jar = agentJar(definition);
            try {
                Files.createDirectories(logs);
                Path state = stateDir != null ? stateDir : Files.createTempDirectory("muster-agent-" + name);
                List<String> command = new ArrayList<>();
                command.add(java());
                command.addAll(definition.flags("MUSTER_AGENT_JVM"));
                command.add("-Dmuster.component=agent-" + name);
                command.addAll(List.of("-jar", jar.toString()));
                command.addAll(List.of("--gateway", gateway.toString(), "--kafka", kafka));
                command.addAll(List.of("--name", name, "--state-dir", state.toString()));
                if (lxdDir != null) {
                    command.addAll(List.of("--runtime", "lxd", "--lxd-dir", lxdDir.toString()));
                }
                command.addAll(extra);
                // its Kafka login (principal agent-NAME on the test broker) and the internal PKI, as ./muster gives an
                // agent: the broker refuses clients without SASL, the services' ports callers without a certificate
                KafkaConnection login = TestInfrastructure.kafkaAs("agent-" + name);
                Map<String, String> environment = Map.of(
                        "MUSTER_GATEWAY", gateway.toString(),
                        "MUSTER_KAFKA", kafka,
                        "MUSTER_KAFKA_USER", login.principal(),
                        "MUSTER_KAFKA_PASSWORD", login.password(),
                        "MUSTER_PKI", TestPki.shared().directory().toString());
                return new MemberAgentProcess(name, command, join, environment, logs.resolve("agent-" + name + ".log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Builds the agent and starts it ({@link MemberAgentProcess#start()}). */
        public MemberAgentProcess start() {
            MemberAgentProcess agent = build();
            agent.start();
            return agent;
        }
    }

    /**
     * Starts the agent's process; the first time with its join arguments (asking the gateway for a token if it joins).
     * Returns at once: wait for the member to be Online through the gateway.
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("agent-" + name + " runs already (pid " + process.pid() + ")");
        }
        List<String> full = new ArrayList<>(command);
        if (!started) {
            List<String> join = new ArrayList<>(firstStartArguments);
            int token = join.indexOf("--token");
            if (token >= 0) {
                join.set(token + 1, issueToken(name, URI.create(environment.get("MUSTER_GATEWAY"))));
            }
            full.addAll(join);
        }
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start agent-" + name, e);
        }
        started = true;
    }

    /** Stops it as {@code ./muster down} does: SIGTERM (its last heartbeat says the stop is planned), SIGKILL later. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills it as a crash would ({@code kill -9}): no last heartbeat, nothing flushed. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** {@link #kill()} then {@link #start()}. */
    public void restartAfterKill() {
        kill();
        start();
    }

    /** The member's name. */
    public String name() {
        return name;
    }

    /** Whether its process runs; false once it exited (its {@link #log()} says why). */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The process id of the running agent. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("agent-" + name + " is not running");
        }
        return process.pid();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop();
    }

    /** Asks the cluster behind {@code gateway} for a join token for member {@code member}, as the agent's CLI does. */
    public static String issueToken(String member, URI gateway) {
        Path jar = agentJar(StackDefinition.load());
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(StackDefinition.load().flags("MUSTER_AGENT_JVM"));
        command.addAll(List.of("-jar", jar.toString(), "--issue-token", member, "--gateway", gateway.toString()));
        try {
            Path errors = Files.createTempFile("muster-token", ".err");
            try {
                Process issuing = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectError(errors.toFile())
                        .start();
                String token = new String(issuing.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!issuing.waitFor(60, TimeUnit.SECONDS) || issuing.exitValue() != 0 || token.isEmpty()) {
                    throw new IllegalStateException("no join token for " + member + ": " + Files.readString(errors));
                }
                return token;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path agentJar(StackDefinition definition) {
        Path jar = definition
                .repositoryRoot()
                .resolve("member-agent")
                .resolve("target")
                .resolve("member-agent-" + StackDefinition.projectVersion() + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    "missing " + jar + ": build the agent first (./mvnw -pl member-agent -am package)");
        }
        return jar;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
