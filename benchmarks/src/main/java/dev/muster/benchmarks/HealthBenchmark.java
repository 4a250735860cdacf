package dev.muster.benchmarks;

import dev.muster.agent.simulation.FleetSettings;
import dev.muster.agent.simulation.SimulatedFleet;
import dev.muster.events.EventCodec;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import dev.muster.events.health.MemberCameOnline;
import dev.muster.events.health.MemberWentOffline;
import dev.muster.events.membership.MemberJoined;
import dev.muster.events.membership.ServerConfigChanged;
import dev.muster.kafka.access.KafkaConnection;
import dev.muster.testing.Await;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.stack.ServiceStack;
import dev.muster.testing.stack.StackDefinition;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures offline detection end to end: the health monitor runs as its own process (from its jar) against an
 * in-JVM Kafka broker and a fresh database; a simulated fleet of {@code --members} members heartbeats every second;
 * after a warm-up past the monitor's start-up grace, {@code --kills} members chosen at random die at random times
 * (seeded) during {@code --minutes} minutes. For each killed member the benchmark takes the time the monitor's
 * {@code MemberWentOffline} arrived on {@value Topics#HEALTH}, less (time of the kill + the offline threshold).
 *
 * <p>Prints that detection delay (p50/p99/max), the false offline flags (members flagged that were never killed),
 * the kills never flagged, the monitor's CPU use (utime + stime of its process over the measured minutes, as % of one
 * core) and the fleet's (its threads in this JVM).
 *
 * <p>Run it with {@code ./muster bench health [--members 1000] [--kills 50] [--minutes 10] [--threshold 10] [--seed 42]
 * [--warmup 35]}; {@code --minutes 2} is a quick run. The monitor runs from {@code health-monitor/target} with the JVM flags
 * of {@code stack.env}, started by test-support's {@link ServiceStack} as the system tests start services.
 */
public final class HealthBenchmark {

    private final int members;
    private final int kills;
    private final double minutes;
    private final int threshold;
    private final long seed;
    private final int warmupSeconds;
    private final EventCodec codec = new EventCodec("/muster/benchmarks");
    private final String prefix = "bench-";
    private static final String MONITOR = "health-monitor";

    private HealthBenchmark(Map<String, String> options) {
        members = Integer.parseInt(options.getOrDefault("members", "1000"));
        kills = Integer.parseInt(options.getOrDefault("kills", "50"));
        minutes = Double.parseDouble(options.getOrDefault("minutes", "10"));
        threshold = Integer.parseInt(options.getOrDefault("threshold", "10"));
        seed = Long.parseLong(options.getOrDefault("seed", "42"));
        warmupSeconds = Integer.parseInt(options.getOrDefault("warmup", String.valueOf(2 * threshold + 15)));
        if (kills > members) {
            throw new IllegalArgumentException("--kills cannot exceed --members");
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int status = 0;
        try {
            new HealthBenchmark(options).run();
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("health benchmark: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    private void run() throws Exception {
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        KafkaConnection fleetLogin = TestInfrastructure.kafkaAs("agent-" + prefix + "fleet");
        System.out.printf(
                "Health benchmark: %,d members heartbeating every 1 s, %d kills over %.1f min, cluster.offline_threshold=%d s, "
                        + "seed %d, %d cores%n",
                members, kills, minutes, threshold, seed, Runtime.getRuntime().availableProcessors());

        // the monitor first: it creates the topics with their partitions, which the fleet's producer and this
        // benchmark's consumer then see from the start
        HealthEvents health = null;
        try (ServiceStack monitor = ServiceStack.of(MONITOR)
                .logs(StackDefinition.root().resolve("benchmarks/target/stack-logs"))
                .start()) {
            health = HealthEvents.start(kafka, codec);
            try (SimulatedFleet fleet = SimulatedFleet.start(
                    FleetSettings.of(members, fleetLogin).withPrefix(prefix).withSeed(seed))) {
                announceMembers(kafka, fleet.memberNames());
                System.out.printf(
                        "  health monitor up (pid %d, log %s); warming up %d s past its start-up grace%n",
                        monitor.pid(MONITOR), monitor.log(MONITOR), warmupSeconds);
                measure(monitor.pid(MONITOR), fleet, health);
            }
        } finally {
            if (health != null) {
                health.close();
            }
        }
    }

    private void measure(long monitorPid, SimulatedFleet fleet, HealthEvents health) throws InterruptedException {
        Thread.sleep(warmupSeconds * 1000L); // the warm-up is part of the measurement's design: a time, not a condition
        long falseFlagsInWarmup = health.offlineCount();

        CpuTime monitorCpu = CpuTime.ofProcess(monitorPid);
        CpuTime fleetCpu = CpuTime.ofThreadsOf(fleet);
        long measureStart = System.currentTimeMillis();
        long measureMillis = (long) (minutes * 60_000);
        Map<String, Long> killedAt = killOnSchedule(fleet, measureStart, measureMillis);
        sleepUntil(measureStart + measureMillis);
        double monitorPercent = monitorCpu.percentOfOneCoreSince();
        double fleetPercent = fleetCpu.percentOfOneCoreSince();
        long lastKill =
                killedAt.values().stream().mapToLong(Long::longValue).max().orElse(measureStart);
        long deadline = Math.max(System.currentTimeMillis(), lastKill + (threshold + 30) * 1000L);
        Await.within(
                Duration.ofMillis(deadline - System.currentTimeMillis()),
                Duration.ofMillis(200),
                () -> health.offlineTimes().keySet().containsAll(killedAt.keySet()));
        report(killedAt, health, falseFlagsInWarmup, monitorPercent, fleetPercent, fleet);
    }

    /** Announces the members and the threshold as membership would: MemberJoined per member, then the server config. */
    private void announceMembers(String kafka, List<String> names) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestInfrastructure.kafkaClientConfig(
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
            for (int i = 0; i < names.size(); i++) {
                MemberJoined joined = new MemberJoined(
                        names.get(i),
                        "https://" + FleetSettings.addressOf(i),
                        "x86_64",
                        "default",
                        List.of("default"),
                        i < 3 ? List.of("database") : List.of());
                producer.send(
                        new ProducerRecord<>(Topics.MEMBERSHIP, joined.key(), codec.toBytes(codec.envelope(joined))));
            }
            ServerConfigChanged config =
                    new ServerConfigChanged(Map.of("cluster.offline_threshold", String.valueOf(threshold)));
            producer.send(new ProducerRecord<>(Topics.MEMBERSHIP, config.key(), codec.toBytes(codec.envelope(config))))
                    .get();
        }
    }

    /** Kills {@code --kills} members picked at random, at random times spread over the window; returns when each died. */
    private Map<String, Long> killOnSchedule(SimulatedFleet fleet, long start, long windowMillis)
            throws InterruptedException {
        Random random = new Random(seed);
        List<String> victims = new ArrayList<>(fleet.memberNames());
        Collections.shuffle(victims, random);
        victims = victims.subList(0, kills);
        long latest = Math.max(1000, windowMillis - (threshold + 15) * 1000L);
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            offsets.add((long) (random.nextDouble() * latest));
        }
        Collections.sort(offsets);
        Map<String, Long> killedAt = new LinkedHashMap<>();
        for (int i = 0; i < kills; i++) {
            sleepUntil(start + offsets.get(i));
            fleet.kill(victims.get(i));
            killedAt.put(victims.get(i), System.currentTimeMillis());
        }
        return killedAt;
    }

    private void report(
            Map<String, Long> killedAt,
            HealthEvents health,
            long falseFlagsInWarmup,
            double monitorPercent,
            double fleetPercent,
            SimulatedFleet fleet) {
        Map<String, Long> offline = health.offlineTimes();
        List<Long> delays = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        killedAt.forEach((name, at) -> {
            Long flagged = offline.get(name);
            if (flagged == null) {
                missed.add(name);
            } else {
                delays.add(flagged - (at + threshold * 1000L));
            }
        });
        Collections.sort(delays);
        Set<String> falseFlags = new TreeSet<>(offline.keySet());
        falseFlags.removeAll(killedAt.keySet());

        System.out.printf(
                "Detection delay after the threshold (MemberWentOffline received − (kill + %d s)), %d of %d kills:%n",
                threshold, delays.size(), killedAt.size());
        if (!delays.isEmpty()) {
            System.out.printf(
                    "  p50 %,d ms, p99 %,d ms, max %,d ms (min %,d ms; a kill lands up to 1 s after the last heartbeat, so "
                            + "delays down to −1,000 ms are on time)%n",
                    percentile(delays, 50), percentile(delays, 99), delays.get(delays.size() - 1), delays.get(0));
        }
        List<Long> late = new ArrayList<>();
        health.lateness().forEach((name, millis) -> {
            if (killedAt.containsKey(name)) {
                late.add(millis);
            }
        });
        Collections.sort(late);
        if (!late.isEmpty()) {
            System.out.printf(
                    "  after the monitor's own deadline (last heartbeat received + %d s): p50 %,d ms, p99 %,d ms, max %,d ms%n",
                    threshold, percentile(late, 50), percentile(late, 99), late.get(late.size() - 1));
        }
        System.out.printf(
                "  kills never flagged offline      : %d%s%n", missed.size(), missed.isEmpty() ? "" : " " + missed);
        System.out.printf(
                "False offline flags (never killed): %d over the run (%d during warm-up)%s%n",
                falseFlags.size(),
                falseFlagsInWarmup,
                falseFlags.isEmpty() ? "" : " " + falseFlags.stream().limit(10).toList());
        System.out.printf("  members flagged online again    : %d%n", health.onlineCount());
        System.out.printf("CPU over the %.1f measured minutes, %% of one core:%n", minutes);
        System.out.printf("  health monitor process          : %.1f %%%n", monitorPercent);
        System.out.printf(
                "  simulated fleet (its threads)   : %.1f %%  (heartbeats %s)%n",
                fleetPercent, fleet.heartbeatCounts());
    }

    private static long percentile(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** The health events as they arrive, on this JVM's clock. */
    private static final class HealthEvents implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final EventCodec codec;
        private final Map<String, Long> offline = new ConcurrentHashMap<>();
        private final Map<String, Long> lateness = new ConcurrentHashMap<>();
        private final AtomicInteger offlineCount = new AtomicInteger();
        private final AtomicInteger onlineCount = new AtomicInteger();
        private final Thread thread;

        private HealthEvents(String kafka, EventCodec codec) {
            this.codec = codec;
            this.consumer = new KafkaConsumer<>(TestInfrastructure.kafkaClientConfig(
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "health-benchmark-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                    5000,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class));
            this.consumer.subscribe(List.of(Topics.HEALTH));
            this.thread = new Thread(this::run, "health-benchmark-events");
            this.thread.setDaemon(true);
        }

        static HealthEvents start(String kafka, EventCodec codec) {
            HealthEvents events = new HealthEvents(kafka, codec);
            events.thread.start();
            return events;
        }

        private void run() {
            try {
                while (true) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long receivedAt = System.currentTimeMillis();
                        PublicEvent event;
                        try {
                            event = codec.dataOf(codec.readEnvelope(record.value()))
                                    .orElse(null);
                        } catch (RuntimeException e) {
                            continue;
                        }
                        if (event instanceof MemberWentOffline wentOffline) {
                            if (offline.putIfAbsent(wentOffline.name(), receivedAt) == null
                                    && wentOffline.lastHeartbeat() != null) {
                                lateness.put(
                                        wentOffline.name(),
                                        receivedAt
                                                - wentOffline.lastHeartbeat().toEpochMilli()
                                                - wentOffline.thresholdSeconds() * 1000L);
                            }
                            offlineCount.incrementAndGet();
                        } else if (event instanceof MemberCameOnline) {
                            onlineCount.incrementAndGet();
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }

        /** When each member was first flagged offline. */
        Map<String, Long> offlineTimes() {
            return Map.copyOf(offline);
        }

        /** How long after its own deadline (last heartbeat received + threshold) each member was flagged, as received here. */
        Map<String, Long> lateness() {
            return Map.copyOf(lateness);
        }

        long offlineCount() {
            return offline.size();
        }

        long onlineCount() {
            return onlineCount.get();
        }

        @Override
        public void close() throws InterruptedException {
            consumer.wakeup();
            thread.join(5000);
        }
    }

    /** CPU time used since a start, as a share of one core over the wall time passed. */
    private interface CpuTime {

        double percentOfOneCoreSince();

        /** A process's utime + stime from {@code /proc/<pid>/stat}. */
        static CpuTime ofProcess(long pid) {
            long ticksPerSecond = clockTicksPerSecond();
            long startTicks = processTicks(pid);
            long startNanos = System.nanoTime();
            return () ->
                    (processTicks(pid) - startTicks) * 1e9 / ticksPerSecond / (System.nanoTime() - startNanos) * 100;
        }

        /** The threads of the agent machinery in this JVM: heartbeats, their Kafka producer, probe, commands. */
        static CpuTime ofThreadsOf(SimulatedFleet fleet) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long startCpu = fleetThreadsCpu(threads, fleet);
            long startNanos = System.nanoTime();
            return () -> (fleetThreadsCpu(threads, fleet) - startCpu) * 100.0 / (System.nanoTime() - startNanos);
        }

        private static long fleetThreadsCpu(ThreadMXBean threads, SimulatedFleet fleet) {
            String client = "agent-" + fleet.settings().prefix() + "fleet";
            long total = 0;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith("member-agent")
                        || thread.getName().contains(client)) {
                    total += Math.max(0, threads.getThreadCpuTime(thread.threadId()));
                }
            }
            return total;
        }

        private static long processTicks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11])
                        + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15 of the line
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
            }
        }

        private static long clockTicksPerSecond() {
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                        .redirectErrorStream(true)
                        .start();
                String out = new String(getconf.getInputStream().readAllBytes()).trim();
                return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
            } catch (IOException | InterruptedException | NumberFormatException e) {
                return 100;
            }
        }
    }
}
