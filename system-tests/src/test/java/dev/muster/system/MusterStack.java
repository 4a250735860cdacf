package dev.muster.system;

import dev.muster.agent.simulation.FleetSettings;
import dev.muster.agent.simulation.JoinMode;
import dev.muster.agent.simulation.SimulatedFleet;
import dev.muster.internaltls.InternalPki;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.agent.MemberAgentProcess;
import dev.muster.testing.lxd.LxdDaemon;
import dev.muster.testing.stack.ServiceStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stack of a system test class, as a JUnit extension on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MusterStack stack = MusterStack.of("membership-service", "gateway").withFleet(3, "m");
 * }</pre>
 *
 * Before the class's own {@code @BeforeAll} methods it starts the services as processes (test-support's
 * {@link ServiceStack}), then the simulated fleet, if any, whose first member bootstraps the cluster through the
 * gateway, and waits until all its members are Online. After the class it stops the fleets and the services.
 */
final class MusterStack implements BeforeAllCallback, AfterAllCallback {

    private final ServiceStack.Builder builder;
    private final List<SimulatedFleet> fleets = new ArrayList<>();
    private boolean imageStore;
    private boolean unixSocket;
    private int fleetSize;
    private String fleetPrefix;
    private UnaryOperator<FleetSettings> fleetSettings = UnaryOperator.identity();
    private int lxdMembers;
    private String lxdPrefix;
    private final Map<String, LxdDaemon> daemons = new LinkedHashMap<>();
    private final Map<String, MemberAgentProcess> agents = new LinkedHashMap<>();
    private ServiceStack stack;
    private Path imageStoreDirectory;
    private Path lxdDirectory;
    private Lxd lxd;

    private MusterStack(String... services) {
        builder = ServiceStack.of(services);
    }

    static MusterStack of(String... services) {
        return new MusterStack(services);
    }

    /** An environment variable for every service. */
    MusterStack with(String variable, String value) {
        builder.with(variable, value);
        return this;
    }

    /** The image service keeps its blobs in a fresh temporary directory ({@link #imageStore()}). */
    MusterStack withImageStore() {
        imageStore = true;
        return this;
    }

    /** The gateway listens on a unix socket in a fresh temporary directory, {@link #lxdDir()}, as {@code LXD_DIR}. */
    MusterStack withUnixSocket() {
        unixSocket = true;
        return this;
    }

    /** A simulated fleet of {@code count} members named {@code prefix1…}, the first bootstrapping the cluster. */
    MusterStack withFleet(int count, String prefix) {
        return withFleet(count, prefix, UnaryOperator.identity());
    }

    /** As {@link #withFleet(int, String)}, with the fleet's settings adjusted, e.g. its architecture. */
    MusterStack withFleet(int count, String prefix, UnaryOperator<FleetSettings> settings) {
        fleetSize = count;
        fleetPrefix = prefix;
        fleetSettings = settings;
        return this;
    }

    /**
     * {@code count} members named {@code prefix1…} on real containers: each a standalone LXD daemon of its own
     * (test-support's {@link LxdDaemon}: a {@code dir} pool, no network, nothing imported) and a {@code member-agent}
     * process ({@link MemberAgentProcess}, {@code --runtime lxd}); the first bootstraps the cluster, the others join
     * with tokens. Where LXD cannot run the class is skipped, and fails on CI.
     */
    MusterStack withLxdMembers(int count, String prefix) {
        lxdMembers = count;
        lxdPrefix = prefix;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        if (lxdMembers > 0) {
            LxdDaemon.requireLxd(); // before anything starts: skipped, or failed on CI
        }
        if (imageStore) {
            imageStoreDirectory = Files.createTempDirectory("muster-images");
            builder.with("MUSTER_IMAGES_STORE", imageStoreDirectory.toString());
        }
        if (unixSocket) {
            lxdDirectory = Files.createTempDirectory("muster-lxd");
            builder.with(
                    "MUSTER_UNIX_SOCKET", lxdDirectory.resolve("unix.socket").toString());
        }
        stack = builder.start();
        // the fleets run in this JVM: their agents reach the services' ports (image exports, transfers) with the
        // member-agent certificate of the stack's internal PKI
        System.setProperty(
                InternalPki.DIRECTORY_PROPERTY, stack.pki().directory().toString());
        lxd = new Lxd(stack.port("gateway"));
        if (fleetSize > 0) {
            startFleet(fleetSettings.apply(FleetSettings.of(fleetSize, TestInfrastructure.kafkaAs("agent-sim-fleet"))
                    .withPrefix(fleetPrefix)
                    .withJoin(JoinMode.BOOTSTRAP_FIRST, gateway())));
            lxd.awaitOnlineMembers(fleetSize);
        }
        if (lxdMembers > 0) {
            startLxdMembers();
        }
    }

    private void startLxdMembers() throws IOException, InterruptedException {
        for (int i = 1; i <= lxdMembers; i++) {
            LxdDaemon daemon = new LxdDaemon();
            daemons.put(lxdPrefix + i, daemon);
            daemon.start();
        }
        for (Map.Entry<String, LxdDaemon> member : daemons.entrySet()) {
            MemberAgentProcess.Builder agent = MemberAgentProcess.member(
                            member.getKey(), gateway(), TestInfrastructure.kafkaBootstrapServers())
                    .lxd(member.getValue().directory());
            agents.put(member.getKey(), (agents.isEmpty() ? agent.bootstrap() : agent.join()).start());
            lxd.awaitOnlineMembers(fleetSize + agents.size());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        agents.values().forEach(MemberAgentProcess::stop);
        agents.clear();
        daemons.values().forEach(LxdDaemon::stop);
        daemons.clear();
        for (SimulatedFleet fleet : fleets) {
            fleet.close();
        }
        fleets.clear();
        if (stack != null) {
            stack.close();
        }
    }

    /** Starts another simulated fleet on this stack's Kafka, stopped after the class. */
    SimulatedFleet startFleet(FleetSettings settings) {
        SimulatedFleet fleet = SimulatedFleet.start(settings);
        fleets.add(fleet);
        return fleet;
    }

    /** The fleet of {@link #withFleet}. */
    SimulatedFleet fleet() {
        if (fleets.isEmpty()) {
            throw new IllegalStateException("this stack has no fleet: declare one with withFleet");
        }
        return fleets.getFirst();
    }

    /** The LXD daemon of a member of {@link #withLxdMembers}. */
    LxdDaemon daemon(String member) {
        LxdDaemon daemon = daemons.get(member);
        if (daemon == null) {
            throw new IllegalArgumentException(member + " has no LXD daemon here " + daemons.keySet());
        }
        return daemon;
    }

    /** The agent process of a member of {@link #withLxdMembers}. */
    MemberAgentProcess agent(String member) {
        MemberAgentProcess agent = agents.get(member);
        if (agent == null) {
            throw new IllegalArgumentException(member + " has no agent process here " + agents.keySet());
        }
        return agent;
    }

    /** A client of the gateway's LXD API. */
    Lxd lxd() {
        return lxd;
    }

    URI gateway() {
        return stack.gateway();
    }

    /** The gateway's HTTPS door, where clients are trusted by their certificate. */
    URI httpsGateway() {
        return stack.httpsGateway();
    }

    int port(String service) {
        return stack.port(service);
    }

    Path imageStore() {
        return imageStoreDirectory;
    }

    Path lxdDir() {
        return lxdDirectory;
    }

    /** Kills a service as a crash would (SIGKILL). */
    void kill(String service) {
        stack.kill(service);
    }

    void start(String service) {
        stack.start(service);
    }

    void awaitHealthy(String service) {
        stack.awaitHealthy(service);
    }
}
