package dev.muster.agent.runtime;

import dev.muster.agent.commands.CommandConsumer;
import dev.muster.agent.commands.Workload;
import dev.muster.agent.heartbeat.HeartbeatPublisher;
import dev.muster.agent.heartbeat.HeartbeatSchedule;
import dev.muster.agent.heartbeat.HeartbeatingMember;
import dev.muster.agent.heartbeat.MemberStateSource;
import dev.muster.agent.instances.InstanceRuntime;
import dev.muster.agent.instances.SimulatedRuntime;
import dev.muster.agent.probe.ProbeAnswer;
import dev.muster.agent.probe.ProbeServer;
import dev.muster.events.EventCodec;
import dev.muster.events.agents.ReportInventory;
import dev.muster.kafka.access.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery of one agent process, for one member or a fleet of them: one heartbeat schedule and producer, one
 * probe server, one command consumer. Each member has a {@link MemberLife} that decides what they do for it.
 */
public final class AgentRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);

    /**
     * How the process reaches Kafka and is reached.
     *
     * @param eventSource the CloudEvents {@code source} of what it publishes, e.g. {@code /muster/member-agent/m2}
     * @param commandGroup the Kafka consumer group of its command consumer, e.g. {@code agent-m2}
     * @param probeBindHost the interface the probe listens on
     * @param probePort the probe's port, 0 for any free one
     * @param probeAdvertisedHost the host put in the heartbeats' probe URLs
     * @param stateDirectory where members keep their image copies and simulated instances, one directory per member
     *     inside; null for image copies in {@code -Dmuster.agent.images} and simulated instances in memory only
     * @param inventoryInterval how often every member reports its inventory (and once at start)
     */
    public record Settings(
            KafkaConnection kafka,
            Duration interval,
            String eventSource,
            String commandGroup,
            String probeBindHost,
            int probePort,
            String probeAdvertisedHost,
            Path stateDirectory,
            Duration inventoryInterval) {

        /** How often members report their inventory unless told otherwise. */
        public static final Duration DEFAULT_INVENTORY_INTERVAL = Duration.ofSeconds(60);

        public Settings {
            if (inventoryInterval.isNegative() || inventoryInterval.isZero()) {
                throw new IllegalArgumentException("the inventory interval must be positive");
            }
        }

        /** Image copies in {@code -Dmuster.agent.images}, simulated instances in memory, inventories every minute. */
        public Settings(
                KafkaConnection kafka,
                Duration interval,
                String eventSource,
                String commandGroup,
                String probeBindHost,
                int probePort,
                String probeAdvertisedHost) {
            this(
                    kafka,
                    interval,
                    eventSource,
                    commandGroup,
                    probeBindHost,
                    probePort,
                    probeAdvertisedHost,
                    null,
                    DEFAULT_INVENTORY_INTERVAL);
        }

        public Settings withState(Path directory, Duration inventories) {
            return new Settings(
                    kafka,
                    interval,
                    eventSource,
                    commandGroup,
                    probeBindHost,
                    probePort,
                    probeAdvertisedHost,
                    directory,
                    inventories);
        }
    }

    /**
     * A member this process runs, where its state comes from, and where its instances are (null: simulated, kept in
     * its state directory if the process has one), and where its agent relays exec to its daemon (empty: nowhere).
     */
    public record MemberSpec(String name, MemberStateSource state, InstanceRuntime runtime, String bridgeUrl) {
        public MemberSpec(String name, MemberStateSource state, InstanceRuntime runtime) {
            this(name, state, runtime, "");
        }

        public MemberSpec(String name, MemberStateSource state) {
            this(name, state, null);
        }
    }

    /** Where members keep image copies: {@code -Dmuster.agent.images=DIR}, one directory per member inside. */
    private static final Path IMAGES = Path.of(
            System.getProperty("muster.agent.images", System.getProperty("java.io.tmpdir") + "/muster-agent-images"));

    private final Map<String, Member> members;
    private final ProbeServer probe;
    private final HeartbeatPublisher publisher;
    private final HeartbeatSchedule schedule;
    private final CommandConsumer commands;
    private final ScheduledExecutorService inventories;
    private volatile boolean closed;

    private static final class Member {
        final HeartbeatingMember heartbeats;
        final Workload workload;
        volatile MemberLife life;

        Member(HeartbeatingMember heartbeats, MemberLife life, Workload workload) {
            this.heartbeats = heartbeats;
            this.life = life;
            this.workload = workload;
        }
    }

    /** The member's workload: its image copies in its own directory, its instances where its spec says. */
    private static Workload workloadOf(MemberSpec spec, Path stateDirectory) {
        Path directory = (stateDirectory == null ? IMAGES : stateDirectory).resolve(spec.name());
        if (spec.runtime() != null) {
            return new Workload(directory, spec.runtime());
        }
        return new Workload(
                directory, stateDirectory == null ? new SimulatedRuntime() : new SimulatedRuntime(directory));
    }

    private AgentRuntime(Settings settings, List<MemberSpec> specs, MemberLife initialLife) throws IOException {
        this.members = new LinkedHashMap<>();
        this.probe = ProbeServer.start(
                settings.probeBindHost(), settings.probePort(), settings.probeAdvertisedHost(), this::probeAnswer);
        List<HeartbeatingMember> heartbeating = new ArrayList<>(specs.size());
        for (MemberSpec spec : specs) {
            HeartbeatingMember member =
                    new HeartbeatingMember(spec.name(), spec.state(), probe.urlOf(spec.name()), spec.bridgeUrl());
            if (!initialLife.heartbeats()) {
                member.silence();
            }
            if (members.put(spec.name(), new Member(member, initialLife, workloadOf(spec, settings.stateDirectory())))
                    != null) {
                throw new IllegalArgumentException("member " + spec.name() + " given twice");
            }
            heartbeating.add(member);
        }
        EventCodec codec = new EventCodec(settings.eventSource());
        this.publisher = new HeartbeatPublisher(
                HeartbeatPublisher.producer(
                        settings.kafka(), settings.commandGroup() + "-heartbeats", settings.interval()),
                codec,
                Clock.systemUTC(),
                settings.interval());
        this.schedule = new HeartbeatSchedule(heartbeating, settings.interval(), publisher).start();
        this.commands = CommandConsumer.start(settings.kafka(), settings.commandGroup(), codec, this::commandWorkload);
        this.inventories = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "member-agent-inventories");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.inventoryInterval().toMillis();
        inventories.scheduleWithFixedDelay(this::reportInventories, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Every member that answers commands reports what its runtime holds, unasked, so that the scheduler can set its
     * books right (after the agent was away, or a command's answer was lost).
     */
    private void reportInventories() {
        for (Member member : members.values()) {
            if (closed) {
                return;
            }
            if (!member.life.answersCommands()) {
                continue;
            }
            String name = member.heartbeats.name();
            try {
                commands.report(member.workload.carryOut(new ReportInventory(name, "inventory-" + UUID.randomUUID())));
            } catch (RuntimeException e) {
                log.warn("The inventory of {} could not be reported: {}", name, e.toString());
            }
        }
    }

    /**
     * Starts the process's machinery.
     *
     * @param initialLife {@link MemberLife#ALIVE} to heartbeat at once, {@link MemberLife#STARTING} to wait for
     *     {@link #resume(String)} (after joining the cluster)
     */
    public static AgentRuntime start(Settings settings, List<MemberSpec> members, MemberLife initialLife) {
        try {
            return new AgentRuntime(settings, members, initialLife);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start the probe server on " + settings.probeBindHost() + ":" + settings.probePort(), e);
        }
    }

    private ProbeAnswer probeAnswer(String name) {
        Member member = members.get(name);
        return member == null ? ProbeAnswer.UNKNOWN : member.life.probe();
    }

    private Workload commandWorkload(String name) {
        Member member = members.get(name);
        return member == null || !member.life.answersCommands() ? null : member.workload;
    }

    /** The member dies without warning: its heartbeats stop, its probe answers 503, its commands go unanswered. */
    public void kill(String name) {
        Member member = member(name);
        synchronized (member) {
            member.life = MemberLife.KILLED;
            member.heartbeats.silence();
        }
    }

    /** The member's heartbeats stop getting through, but it lives: its probe still answers 200. */
    public void pause(String name) {
        change(name, MemberLife.PAUSED);
    }

    /** The member heartbeats (again), continuing its sequence. Killed or stopped members stay as they are. */
    public void resume(String name) {
        change(name, MemberLife.ALIVE);
    }

    /** The member stops on purpose: a last heartbeat says so, then it is silent and its probe answers 503. */
    public void stop(String name) {
        Member member = member(name);
        synchronized (member) {
            if (member.life.ended()) {
                return;
            }
            member.life = MemberLife.STOPPED;
            schedule.stopGracefully(member.heartbeats);
        }
    }

    private void change(String name, MemberLife life) {
        Member member = member(name);
        synchronized (member) {
            if (member.life.ended()) {
                return;
            }
            member.life = life;
            if (life.heartbeats()) {
                member.heartbeats.speak();
            } else {
                member.heartbeats.silence();
            }
        }
    }

    private Member member(String name) {
        Member member = members.get(name);
        if (member == null) {
            throw new NoSuchElementException("no member " + name + " in this agent");
        }
        return member;
    }

    public MemberLife lifeOf(String name) {
        return member(name).life;
    }

    public Workload workloadOf(String name) {
        return member(name).workload;
    }

    /** The sequence of the member's last heartbeat, 0 before its first. */
    public long lastSequenceOf(String name) {
        return member(name).heartbeats.lastSequence();
    }

    public List<String> memberNames() {
        return List.copyOf(members.keySet());
    }

    public int probePort() {
        return probe.port();
    }

    public String probeUrlOf(String name) {
        return member(name).heartbeats.probeUrl();
    }

    public HeartbeatPublisher.Counts heartbeatCounts() {
        return publisher.counts();
    }

    /**
     * A planned shutdown: every member still heartbeating sends a last heartbeat saying it stops, Kafka gets what is
     * on its way, then commands and probes stop.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        members.values().forEach(member -> {
            if (member.life == MemberLife.ALIVE) {
                member.life = MemberLife.STOPPED;
            }
        });
        inventories.shutdownNow();
        schedule.stop(true);
        publisher.close(Duration.ofSeconds(5));
        commands.close();
        probe.close();
        members.values().forEach(member -> member.workload.close());
        log.info("Agent stopped: {} member(s), heartbeats {}", members.size(), publisher.counts());
    }
}
