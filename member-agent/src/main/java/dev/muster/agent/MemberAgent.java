package dev.muster.agent;

import dev.muster.agent.bridge.ExecBridge;
import dev.muster.agent.cluster.ClusterJoiner;
import dev.muster.agent.cluster.GatewayClient;
import dev.muster.agent.cluster.GatewayException;
import dev.muster.agent.host.HostStateReader;
import dev.muster.agent.instances.RuntimeMemberState;
import dev.muster.agent.instances.lxd.LxdRuntime;
import dev.muster.agent.runtime.AgentRuntime;
import dev.muster.agent.runtime.MemberLife;
import dev.muster.agent.simulation.FleetSettings;
import dev.muster.agent.simulation.SimulatedFleet;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent that runs on each member host: joins the cluster if asked, heartbeats the host's state, answers the
 * health monitor's probe and carries out the member's commands; or, with {@code --simulate N}, all of that for N
 * made-up members. Stops cleanly on SIGTERM: the last heartbeat says the stop is planned.
 *
 * <p>Exit codes: 0 stopped, 1 could not join the cluster or reach what it needs, 2 wrong command line.
 */
public final class MemberAgent {

    private MemberAgent() {}

    public static void main(String[] args) {
        quietLogging();
        AgentOptions options;
        try {
            options = AgentOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("member-agent: " + e.getMessage());
            System.err.print(AgentOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(AgentOptions.USAGE);
            return;
        }
        try {
            if (options.issuesToken()) {
                System.out.println(
                        new ClusterJoiner(new GatewayClient(options.gateway())).issueToken(options.issueTokenFor()));
                return;
            }
            AutoCloseable agent = options.simulated() ? startFleet(options) : startMember(options);
            runUntilStopped(agent);
        } catch (GatewayException e) {
            System.err.println("member-agent: " + e.getMessage());
            System.exit(1);
        } catch (IllegalStateException e) {
            System.err.println("member-agent: " + e.getMessage()); // what it needs is not there, e.g. the LXD daemon
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("member-agent: " + e);
            System.exit(1);
        }
    }

    private static AutoCloseable startMember(AgentOptions options) {
        requireKafkaPassword(options);
        Logger log = LoggerFactory.getLogger(MemberAgent.class);
        HostStateReader host = new HostStateReader(options.proc(), options.storagePath(), options.architecture());
        host.read(); // fail now, not in the first heartbeat, if /proc cannot be read
        AgentRuntime.MemberSpec member;
        ExecBridge bridge = null;
        if (options.lxd()) {
            // fails now with "LXD daemon at DIR is not reachable: …" if its socket does not answer
            LxdRuntime lxd = LxdRuntime.connect(options.lxdDir());
            bridge = startBridge(options);
            member = new AgentRuntime.MemberSpec(options.name(), new RuntimeMemberState(host, lxd), lxd, bridge.url());
            log.info("Member {} keeps its instances in the LXD daemon at {}", options.name(), options.lxdDir());
        } else {
            member = new AgentRuntime.MemberSpec(options.name(), host);
        }
        AgentRuntime runtime = AgentRuntime.start(
                new AgentRuntime.Settings(
                                options.kafka(),
                                options.interval(),
                                "/muster/member-agent/" + options.name(),
                                "agent-" + options.name(),
                                options.probeHost(),
                                options.probePort(),
                                options.advertiseHost())
                        .withState(options.stateDir(), options.inventoryInterval()),
                List.of(member),
                MemberLife.STARTING);
        try {
            ClusterJoiner joiner = new ClusterJoiner(new GatewayClient(options.gateway()));
            if (options.bootstrap()) {
                log.info(
                        "{}: {}",
                        options.name(),
                        joiner.bootstrap(options.name(), options.address(), options.architecture()));
            } else if (options.token() != null) {
                log.info(
                        "{}: {}",
                        options.name(),
                        joiner.join(options.name(), options.address(), options.token(), options.architecture()));
            }
        } catch (RuntimeException e) {
            runtime.close();
            closeQuietly(bridge);
            throw e;
        }
        runtime.resume(options.name());
        log.info(
                "Member {} heartbeats every {} to {}; probe {}",
                options.name(),
                options.interval(),
                options.kafka(),
                runtime.probeUrlOf(options.name()));
        report(runtime::heartbeatCounts);
        if (bridge == null) {
            return runtime;
        }
        ExecBridge openBridge = bridge;
        return () -> {
            try (openBridge) {
                runtime.close();
            }
        };
    }

    private static ExecBridge startBridge(AgentOptions options) {
        String host = options.bridgeHost();
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        try {
            return ExecBridge.start(
                    options.name(),
                    options.lxdDir().resolve("unix.socket"),
                    host,
                    options.bridgePort(),
                    wildcard ? options.advertiseHost() : host);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot listen on --bridge-address " + options.bridgeAddress() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("member-agent: while stopping: " + e);
        }
    }

    /** Kafka refuses a client without credentials: say so now rather than retry logins forever. */
    private static void requireKafkaPassword(AgentOptions options) {
        if (options.kafka().password().isBlank()) {
            throw new IllegalArgumentException(
                    "no Kafka password for " + options.kafka().principal()
                            + ": set MUSTER_KAFKA_PASSWORD (./muster up keeps the passwords in .muster/kafka/credentials)");
        }
    }

    private static AutoCloseable startFleet(AgentOptions options) {
        requireKafkaPassword(options);
        SimulatedFleet fleet = SimulatedFleet.start(
                FleetSettings.of(options.simulate(), options.kafka())
                        .withPrefix(options.prefix())
                        .withSeed(options.seed())
                        .withInterval(options.interval())
                        .withArchitecture(options.architecture())
                        .withProbe(options.probeHost(), options.probePort(), options.advertiseHost())
                        .withJoin(options.fleetJoin(), options.gateway())
                        .withJoinConcurrency(options.joinConcurrency()),
                options.stateDir(),
                options.inventoryInterval());
        report(fleet::heartbeatCounts);
        return fleet;
    }

    /** Logs the heartbeat counts once a minute. */
    private static void report(Supplier<?> counts) {
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "member-agent-report");
            thread.setDaemon(true);
            return thread;
        });
        Logger log = LoggerFactory.getLogger(MemberAgent.class);
        reporter.scheduleAtFixedRate(() -> log.info("Heartbeats: {}", counts.get()), 1, 1, TimeUnit.MINUTES);
    }

    private static void runUntilStopped(AutoCloseable agent) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                agent.close();
                            } catch (Exception e) {
                                System.err.println("member-agent: while stopping: " + e);
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "member-agent-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The CLI logs its own news at INFO and Kafka's at WARN, unless told otherwise with -Dorg.slf4j.simpleLogger…. */
    private static void quietLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
