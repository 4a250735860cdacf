package dev.muster.agent.simulation;

import dev.muster.agent.cluster.ClusterJoiner;
import dev.muster.agent.cluster.GatewayClient;
import dev.muster.agent.commands.Workload;
import dev.muster.agent.heartbeat.HeartbeatPublisher;
import dev.muster.agent.runtime.AgentRuntime;
import dev.muster.agent.runtime.MemberLife;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N simulated members in one process: made-up, deterministic host state; one heartbeat producer with the members'
 * heartbeats spread evenly over the interval; one probe server answering for all of them; one command consumer.
 * Members can be killed, paused, resumed and stopped one by one, which is what failure-detection tests and
 * benchmarks need.
 *
 * <pre>{@code
 * try (SimulatedFleet fleet = SimulatedFleet.start(FleetSettings.of(1000, "127.0.0.1:9092").withSeed(7))) {
 *     fleet.kill("sim-17");
 * }
 * }</pre>
 */
public final class SimulatedFleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedFleet.class);

    private final FleetSettings settings;
    private final Map<String, SimulatedHost> hosts;
    private final AgentRuntime runtime;

    private SimulatedFleet(FleetSettings settings, Map<String, SimulatedHost> hosts, AgentRuntime runtime) {
        this.settings = settings;
        this.hosts = hosts;
        this.runtime = runtime;
    }

    /**
     * Starts the fleet and, if the settings say so, joins its members to the cluster through the gateway; each
     * member heartbeats from the moment it is a member.
     *
     * @throws dev.muster.agent.cluster.GatewayException if a member could not join (the fleet is closed then)
     */
    public static SimulatedFleet start(FleetSettings settings) {
        return start(settings, null, AgentRuntime.Settings.DEFAULT_INVENTORY_INTERVAL);
    }

    /**
     * As {@link #start(FleetSettings)}, with the members' image copies and simulated instances kept in
     * {@code stateDirectory} (one directory per member; null: copies in {@code -Dmuster.agent.images}, instances in
     * memory), and their inventories reported every {@code inventories}.
     */
    public static SimulatedFleet start(FleetSettings settings, Path stateDirectory, Duration inventories) {
        Map<String, SimulatedHost> hosts = new LinkedHashMap<>();
        List<AgentRuntime.MemberSpec> specs = new ArrayList<>(settings.members());
        for (int i = 0; i < settings.members(); i++) {
            SimulatedHost host = new SimulatedHost(settings.seed(), i, settings.interval(), settings.architecture());
            hosts.put(settings.nameOf(i), host);
            specs.add(new AgentRuntime.MemberSpec(settings.nameOf(i), host));
        }
        String fleetName = settings.prefix() + "fleet";
        AgentRuntime runtime = AgentRuntime.start(
                new AgentRuntime.Settings(
                                settings.kafka(),
                                settings.interval(),
                                "/muster/member-agent/" + fleetName,
                                "agent-" + fleetName,
                                settings.probeBindHost(),
                                settings.probePort(),
                                settings.probeAdvertisedHost())
                        .withState(stateDirectory, inventories),
                specs,
                settings.join() == JoinMode.NONE ? MemberLife.ALIVE : MemberLife.STARTING);
        SimulatedFleet fleet = new SimulatedFleet(settings, Collections.unmodifiableMap(hosts), runtime);
        if (settings.join() != JoinMode.NONE) {
            try {
                fleet.join();
            } catch (RuntimeException e) {
                fleet.close();
                throw e;
            }
        }
        log.info(
                "Simulated fleet of {} members ({}1…) heartbeating every {}, probe on port {}",
                settings.members(),
                settings.prefix(),
                settings.interval(),
                runtime.probePort());
        return fleet;
    }

    private void join() {
        ClusterJoiner joiner = new ClusterJoiner(new GatewayClient(settings.gateway()));
        List<String> names = runtime.memberNames();
        int first = 0;
        if (settings.join() == JoinMode.BOOTSTRAP_FIRST) {
            log.info(
                    "{} bootstraps the cluster: {}",
                    names.get(0),
                    joiner.bootstrap(names.get(0), FleetSettings.addressOf(0), settings.architecture()));
            runtime.resume(names.get(0));
            first = 1;
        }
        AtomicInteger joined = new AtomicInteger();
        ExecutorService joining = Executors.newFixedThreadPool(settings.joinConcurrency());
        try {
            List<Future<?>> joins = new ArrayList<>();
            for (int i = first; i < names.size(); i++) {
                int index = i;
                joins.add(joining.submit(() -> {
                    joiner.joinWithNewToken(names.get(index), FleetSettings.addressOf(index), settings.architecture());
                    runtime.resume(names.get(index));
                    int count = joined.incrementAndGet();
                    if (count % 100 == 0) {
                        log.info("{} members joined", count);
                    }
                }));
            }
            for (Future<?> join : joins) {
                join.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtimeException
                    ? runtimeException
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the fleet", e);
        } finally {
            joining.shutdownNow();
        }
    }

    /** The members' names, in order: {@code <prefix>1} to {@code <prefix>N}. */
    public List<String> memberNames() {
        return runtime.memberNames();
    }

    /** The member dies without warning: no more heartbeats, its probe answers 503, its commands go unanswered. */
    public void kill(String name) {
        runtime.kill(name);
    }

    /** The member's heartbeats stop getting through, but its probe still answers 200 (alive, cut off). */
    public void pause(String name) {
        runtime.pause(name);
    }

    /** A paused member heartbeats again. */
    public void resume(String name) {
        runtime.resume(name);
    }

    /** The member stops on purpose: a last heartbeat with {@code stopping=true}, then silence and 503. */
    public void stop(String name) {
        runtime.stop(name);
    }

    public MemberLife lifeOf(String name) {
        return runtime.lifeOf(name);
    }

    /** The made-up host behind a member. */
    public SimulatedHost host(String name) {
        SimulatedHost host = hosts.get(name);
        if (host == null) {
            throw new NoSuchElementException("no member " + name + " in this fleet");
        }
        return host;
    }

    /** The instances and images the member holds, as its commands left them. */
    public Workload workloadOf(String name) {
        return runtime.workloadOf(name);
    }

    /** The sequence of the member's last heartbeat, 0 before its first. */
    public long lastSequenceOf(String name) {
        return runtime.lastSequenceOf(name);
    }

    public String probeUrlOf(String name) {
        return runtime.probeUrlOf(name);
    }

    public int probePort() {
        return runtime.probePort();
    }

    public HeartbeatPublisher.Counts heartbeatCounts() {
        return runtime.heartbeatCounts();
    }

    public FleetSettings settings() {
        return settings;
    }

    /** A planned shutdown of the whole fleet: every live member's last heartbeat says it stops. */
    @Override
    public void close() {
        runtime.close();
    }
}
