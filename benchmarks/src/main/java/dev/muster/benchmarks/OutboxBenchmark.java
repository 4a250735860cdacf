package dev.muster.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.muster.eventing.config.LibraryMigrations;
import dev.muster.eventing.outbox.Outbox;
import dev.muster.eventing.outbox.OutboxRelay;
import dev.muster.eventing.postgres.ConnectionFactory;
import dev.muster.events.EventCodec;
import dev.muster.events.EventEnvelope;
import dev.muster.kafka.access.AccessTable;
import dev.muster.kafka.access.KafkaConnection;
import dev.muster.testing.Await;
import dev.muster.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures the transactional outbox end to end on real engines: PostgreSQL (synchronous_commit as the server
 * has it, on by default) and a Kafka broker (the one at {@code --kafka}, or an in-JVM KRaft broker).
 *
 * <ol>
 *   <li>Throughput: {@code --writers} threads append {@code --events} events in transactions of {@code --batch};
 *       prints events/s appended, and events/s appended and acknowledged by Kafka (all marked sent).
 *   <li>Latency: events appended one per transaction at {@code --rate} per second for {@code --seconds};
 *       prints append→consume latency p50/p99/max as seen by a Kafka consumer.
 * </ol>
 *
 * Run it with {@code ./muster bench outbox [--events 100000] [--writers 8] [--batch 50] [--rate 1000] [--seconds 10]}.
 */
public final class OutboxBenchmark {

    private final int events;
    private final int writers;
    private final int batch;
    private final int rate;
    private final int seconds;
    private final String kafka;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final EventCodec codec = new EventCodec("/muster/benchmarks");

    private OutboxBenchmark(Map<String, String> options) {
        events = Integer.parseInt(options.getOrDefault("events", "100000"));
        writers = Integer.parseInt(options.getOrDefault("writers", "8"));
        batch = Integer.parseInt(options.getOrDefault("batch", "50"));
        rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
        seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        kafka = options.getOrDefault("kafka", "");
    }

    public static void main(String[] args) throws Exception {
        new OutboxBenchmark(Options.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        // the in-JVM broker's super user, or a login to the broker at --kafka from MUSTER_KAFKA_USER/_PASSWORD
        KafkaConnection login = kafka.isBlank()
                ? TestInfrastructure.kafkaAs(AccessTable.ADMIN)
                : new KafkaConnection(
                        kafka,
                        System.getenv().getOrDefault("MUSTER_KAFKA_USER", AccessTable.ADMIN),
                        System.getenv().getOrDefault("MUSTER_KAFKA_PASSWORD", ""));
        String bootstrap = login.bootstrapServers();
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        try (HikariDataSource dataSource = dataSource(database)) {
            LibraryMigrations.migrate(dataSource, "eventing");
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            Outbox outbox = new Outbox(jdbc, codec);
            System.out.printf(
                    "Outbox benchmark: PostgreSQL %s (synchronous_commit=%s), Kafka %s%s, %d cores%n",
                    jdbc.queryForObject("SHOW server_version", String.class),
                    jdbc.queryForObject("SHOW synchronous_commit", String.class),
                    bootstrap,
                    kafka.isBlank() ? " (in-JVM KRaft broker)" : "",
                    Runtime.getRuntime().availableProcessors());

            var producerConfig = OutboxRelay.producerConfig(bootstrap, "benchmark");
            producerConfig.putAll(login.securityConfig());
            var settings = OutboxRelay.Settings.defaults("benchmark");
            ConnectionFactory connections =
                    ConnectionFactory.of(database.jdbcUrl(), database.username(), database.password());
            try (OutboxRelay relay =
                            new OutboxRelay(connections, () -> new KafkaProducer<>(producerConfig), settings).start();
                    LatencyProbe probe = new LatencyProbe(login)) {
                warmUp(transactions, outbox, jdbc);
                throughput(transactions, outbox, jdbc);
                latency(transactions, outbox, probe);
            }
        }
    }

    private void warmUp(TransactionTemplate transactions, Outbox outbox, JdbcTemplate jdbc)
            throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            transactions.executeWithoutResult(tx -> outbox.publishAll(batchOf("warm", 0, 100)));
        }
        awaitAllSent(jdbc, Duration.ofSeconds(60));
    }

    private void throughput(TransactionTemplate transactions, Outbox outbox, JdbcTemplate jdbc) throws Exception {
        int transactionsPerWriter = Math.max(1, events / writers / batch);
        int total = transactionsPerWriter * writers * batch;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int t = 0; t < transactionsPerWriter; t++) {
                    int first = t * batch;
                    transactions.executeWithoutResult(tx -> outbox.publishAll(batchOf("w" + writer, first, batch)));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long appended = System.nanoTime();
        awaitAllSent(jdbc, Duration.ofMinutes(5));
        long acknowledged = System.nanoTime();
        pool.shutdown();
        double appendSeconds = (appended - start) / 1e9;
        double totalSeconds = (acknowledged - start) / 1e9;
        System.out.printf(
                "Throughput: %,d events in %,d transactions of %d by %d writers%n",
                total, total / batch, batch, writers);
        System.out.printf(
                "  appended (committed)                : %,10.0f events/s  (%.2f s)%n",
                total / appendSeconds, appendSeconds);
        System.out.printf(
                "  appended and acknowledged by Kafka  : %,10.0f events/s  (%.2f s)%n",
                total / totalSeconds, totalSeconds);
    }

    private void latency(TransactionTemplate transactions, Outbox outbox, LatencyProbe probe)
            throws InterruptedException {
        int count = rate * seconds;
        Histogram commits = new Histogram(60_000_000L, 3);
        long intervalNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            next += intervalNanos;
            int sequence = i;
            long before = System.nanoTime();
            transactions.executeWithoutResult(tx -> outbox.publish(event("paced", sequence, System.nanoTime())));
            commits.recordValue((System.nanoTime() - before) / 1000);
        }
        Histogram latencies = probe.awaitPaced(count, Duration.ofSeconds(60));
        System.out.printf(
                "Latency: %,d events, one per transaction, at %,d/s; append→consume%n",
                latencies.getTotalCount(), rate);
        System.out.printf(
                "  p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                latencies.getValueAtPercentile(50) / 1e3,
                latencies.getValueAtPercentile(99) / 1e3,
                latencies.getMaxValue() / 1e3);
        System.out.printf(
                "  of which the appending transaction     : p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                commits.getValueAtPercentile(50) / 1e3,
                commits.getValueAtPercentile(99) / 1e3,
                commits.getMaxValue() / 1e3);
        Histogram relayed = probe.toKafka();
        System.out.printf(
                "  of which append→produced by the relay : p50 %d ms, p99 %d ms, max %d ms%n",
                relayed.getValueAtPercentile(50), relayed.getValueAtPercentile(99), relayed.getMaxValue());
    }

    private List<BenchmarkEvent> batchOf(String writer, int first, int size) {
        List<BenchmarkEvent> batchEvents = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batchEvents.add(event(writer, first + i, 0));
        }
        return batchEvents;
    }

    private BenchmarkEvent event(String stream, int sequence, long appendedNanos) {
        return new BenchmarkEvent(
                run + "-" + stream + "-" + (sequence % 64), sequence, appendedNanos, System.currentTimeMillis());
    }

    private static void awaitAllSent(JdbcTemplate jdbc, Duration timeout) throws InterruptedException {
        if (!Await.within(
                timeout,
                Duration.ofMillis(20),
                () -> jdbc.queryForObject("SELECT count(*) FROM outbox WHERE sent_at IS NULL", Long.class) == 0)) {
            throw new IllegalStateException("events still unsent after " + timeout);
        }
    }

    private static HikariDataSource dataSource(TestInfrastructure.Database database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl() + "?reWriteBatchedInserts=true");
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(16);
        return dataSource;
    }

    /** A consumer of the operations topic that records how long paced events took from append to here. */
    private final class LatencyProbe implements AutoCloseable {
        private final Histogram latencies = new Histogram(60_000_000L, 3);
        private final Histogram toKafka = new Histogram(60_000L, 3);
        private final Set<String> seen = new HashSet<>();
        private final AtomicInteger paced = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        LatencyProbe(KafkaConnection login) {
            Map<String, Object> config = new java.util.HashMap<>(login.clientConfig());
            config.putAll(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "outbox-benchmark-" + run,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "latest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class));
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config);
            consumer.subscribe(List.of(BenchmarkEvent.TOPIC));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            thread = Thread.ofPlatform().name("latency-probe").start(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                            record(record);
                        }
                    }
                }
            });
        }

        private void record(ConsumerRecord<String, byte[]> record) {
            long now = System.nanoTime();
            if (record.key() == null || !record.key().startsWith(run + "-paced")) {
                return;
            }
            EventEnvelope envelope = codec.readEnvelope(record.value());
            synchronized (this) {
                if (seen.add(envelope.id())) {
                    long appended = envelope.data().get("appended_nanos").asLong();
                    latencies.recordValue(Math.max(0, (now - appended) / 1000));
                    long appendedMillis = envelope.data().get("appended_millis").asLong();
                    toKafka.recordValue(Math.max(0, record.timestamp() - appendedMillis));
                    paced.incrementAndGet();
                }
            }
        }

        Histogram awaitPaced(int count, Duration timeout) throws InterruptedException {
            Await.within(timeout, Duration.ofMillis(20), () -> paced.get() >= count);
            synchronized (this) {
                return latencies.copy();
            }
        }

        synchronized Histogram toKafka() {
            return toKafka.copy();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
