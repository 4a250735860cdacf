package dev.muster.eventing.outbox;

import dev.muster.eventing.failures.Failures;
import dev.muster.eventing.postgres.ConnectionFactory;
import dev.muster.events.EventCodec;
import dev.muster.events.EventEnvelope;
import dev.muster.events.Topics;
import dev.muster.events.deadletters.DeadLettered;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes outbox rows to Kafka in position order and marks them sent once Kafka acknowledged them.
 *
 * <ul>
 *   <li>Nothing is skipped: the relay reads whatever is unsent and committed, oldest first, so a transaction
 *       that commits late is picked up on the next round; there is no cursor to move past it.
 *   <li>Nothing is lost: a row is marked sent only after its acknowledgement ({@code acks=all}, idempotent
 *       producer). A relay killed between the two sends the row again; consumers drop the duplicate by id.
 *   <li>One relay per database is active: it holds a session advisory lock on its own connection; others
 *       wait as standbys and take over when that session ends.
 *   <li>It wakes on {@code NOTIFY muster_outbox}, sent by a trigger when a transaction writes to the outbox.
 *   <li>Once it has marked rows sent it says so, to the {@link Acknowledgements} of its own process directly and
 *       to those of the service's other processes with {@code NOTIFY muster_outbox_sent}.
 * </ul>
 */
public final class OutboxRelay implements AutoCloseable {

    /** Tunables; see {@code muster.eventing.relay.*}. */
    public record Settings(
            int batchSize, Duration idlePoll, Duration retryBackoff, Duration sentRetention, String name) {
        public static Settings defaults(String name) {
            return new Settings(2000, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMinutes(10), name);
        }
    }

    private record Row(long position, String eventId, String topic, String key, String type, byte[] payload) {}

    /** A row Kafka refused for good, and why. */
    private record Refusal(Row row, String reason) {}

    /** What became of a batch: rows acknowledged, rows refused for good, and how many may succeed if sent again. */
    private record Outcome(List<Row> acknowledged, List<Refusal> refused, int toRetry) {}

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x6d75737465724f42L; // "musterOB"
    private static final String FETCH = """
            SELECT position, event_id, topic, key, type, payload FROM outbox
            WHERE sent_at IS NULL ORDER BY position LIMIT ?""";

    private final ConnectionFactory connections;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Settings settings;
    private final Consumer<List<String>> onSent;
    private final Thread thread;
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final EventCodec codec;
    private volatile boolean running;
    private volatile boolean leader;
    private volatile Connection connection;
    private volatile Producer<String, byte[]> producer;
    private Instant nextPurge = Instant.EPOCH;

    public OutboxRelay(ConnectionFactory connections, Supplier<Producer<String, byte[]>> producers, Settings settings) {
        this(connections, producers, settings, eventIds -> {});
    }

    /** @param acknowledgements the waiters of this process, told directly what this relay marked sent */
    public OutboxRelay(
            ConnectionFactory connections,
            Supplier<Producer<String, byte[]>> producers,
            Settings settings,
            Acknowledgements acknowledgements) {
        this(connections, producers, settings, acknowledgements::sent);
    }

    private OutboxRelay(
            ConnectionFactory connections,
            Supplier<Producer<String, byte[]>> producers,
            Settings settings,
            Consumer<List<String>> onSent) {
        this.connections = connections;
        this.producers = producers;
        this.settings = settings;
        this.onSent = onSent;
        this.codec = new EventCodec("/muster/" + settings.name());
        this.thread = Thread.ofPlatform()
                .daemon()
                .name("outbox-relay-" + settings.name())
                .unstarted(this::run);
    }

    /** Producer settings for the relay: idempotent, acknowledged by all in-sync replicas, batched. */
    public static Map<String, Object> producerConfig(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-outbox-relay");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return config;
    }

    public synchronized OutboxRelay start() {
        running = true;
        thread.start();
        return this;
    }

    /** True while this relay holds the lock and publishes; false while it stands by. */
    public boolean isLeader() {
        return leader;
    }

    /** Rows this relay published and marked sent. */
    public long relayedCount() {
        return relayed.get();
    }

    /** Rows Kafka refused for good, which this relay set aside as dead letters. */
    public long refusedCount() {
        return refused.get();
    }

    private void run() {
        while (running) {
            try {
                if (connection == null) {
                    connect();
                }
                if (!leader) {
                    leader = tryLock();
                    if (!leader) {
                        awaitNotification(settings.idlePoll());
                        continue;
                    }
                    log.info("Outbox relay {} is active", settings.name());
                }
                List<Row> batch = fetch();
                if (batch.isEmpty()) {
                    purgeSentRows();
                    awaitNotification(settings.idlePoll());
                    continue;
                }
                Outcome outcome = send(batch);
                List<Row> acknowledged = outcome.acknowledged();
                markSent(acknowledged);
                relayed.addAndGet(acknowledged.size());
                if (!acknowledged.isEmpty()) {
                    onSent.accept(acknowledged.stream().map(Row::eventId).toList());
                }
                setAside(outcome.refused());
                if (outcome.toRetry() > 0) {
                    throw new IllegalStateException(
                            outcome.toRetry() + " of " + batch.size() + " events were not acknowledged by Kafka");
                }
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                log.warn(
                        "Outbox relay {} failed, retrying in {}: {}",
                        settings.name(),
                        settings.retryBackoff(),
                        e.toString());
                resetProducer();
                disconnect();
                sleep(settings.retryBackoff());
            }
        }
    }

    private void connect() throws SQLException {
        Connection opened = connections.open();
        opened.setAutoCommit(true);
        try (Statement statement = opened.createStatement()) {
            statement.execute("LISTEN muster_outbox");
        }
        connection = opened;
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, LOCK_ID);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private List<Row> fetch() throws SQLException {
        List<Row> rows = new ArrayList<>(settings.batchSize());
        try (PreparedStatement statement = connection.prepareStatement(FETCH)) {
            statement.setInt(1, settings.batchSize());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(
                            result.getLong(1),
                            result.getString(2),
                            result.getString(3),
                            result.getString(4),
                            result.getString(5),
                            result.getBytes(6)));
                }
            }
        }
        return rows;
    }

    /**
     * Sends a batch. A row counts as acknowledged only if no earlier row of its key failed; a row Kafka refuses for
     * good ({@link #refusedForGood}) is set aside, and the rows of its key after it are sent again next round.
     */
    private Outcome send(List<Row> batch) throws InterruptedException {
        Producer<String, byte[]> sender = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (Row row : batch) {
            acks.add(sender.send(new ProducerRecord<>(row.topic(), null, row.key(), row.payload(), headers(row))));
        }
        sender.flush();
        List<Row> acknowledged = new ArrayList<>(batch.size());
        List<Refusal> refusals = new ArrayList<>();
        Set<String> failedKeys = new HashSet<>();
        int toRetry = 0;
        for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            try {
                acks.get(i).get();
                if (failedKeys.contains(row.key())) {
                    toRetry++;
                } else {
                    acknowledged.add(row);
                }
            } catch (ExecutionException e) {
                if (refusedForGood(e.getCause())) {
                    refusals.add(new Refusal(row, Failures.reason(e.getCause())));
                } else {
                    toRetry++;
                }
                failedKeys.add(row.key());
            }
        }
        return new Outcome(acknowledged, refusals, toRetry);
    }

    /**
     * Refusals that no retry can overcome: the record itself is wrong for Kafka. Authorisation and every retriable
     * error are not among them: those are fixed outside the record, and the row waits for it.
     */
    static boolean refusedForGood(Throwable cause) {
        return cause instanceof RecordTooLargeException
                || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException
                || cause instanceof InvalidTopicException;
    }

    /**
     * Marks refused rows handled, with the reason, and writes a dead letter for each into the outbox, in one
     * transaction: the rows behind them go on, and the refusal is announced on {@value Topics#DEAD_LETTERS}.
     */
    private void setAside(List<Refusal> refusals) throws SQLException {
        if (refusals.isEmpty()) {
            return;
        }
        connection.setAutoCommit(false);
        try (PreparedStatement mark = connection.prepareStatement(
                        "UPDATE outbox SET sent_at = now(), refused = ? WHERE position = ?");
                PreparedStatement letter = connection.prepareStatement(
                        "INSERT INTO outbox (event_id, topic, key, type, payload) VALUES (?, ?, ?, ?, ?)")) {
            for (Refusal refusal : refusals) {
                Row row = refusal.row();
                mark.setString(1, refusal.reason());
                mark.setLong(2, row.position());
                mark.addBatch();
                DeadLettered deadLettered = new DeadLettered(
                        settings.name(),
                        DeadLettered.PUBLISH,
                        row.topic(),
                        row.key(),
                        row.eventId(),
                        row.type(),
                        "outbox@" + row.position(),
                        row.payload().length,
                        refusal.reason(),
                        Instant.now());
                EventEnvelope envelope = codec.envelope(deadLettered);
                letter.setObject(1, UUID.fromString(envelope.id()));
                letter.setString(2, Topics.DEAD_LETTERS);
                letter.setString(3, deadLettered.key());
                letter.setString(4, envelope.type());
                letter.setBytes(5, codec.toBytes(envelope));
                letter.addBatch();
                log.error(
                        "Dead letter: Kafka refused event {} ({}, key {}, {} bytes) of outbox {} for good: {}",
                        row.eventId(),
                        row.type(),
                        row.key(),
                        row.payload().length,
                        settings.name(),
                        refusal.reason());
            }
            mark.executeBatch();
            letter.executeBatch();
            connection.commit();
            refused.addAndGet(refusals.size());
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static RecordHeaders headers(Row row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("ce_id", row.eventId().getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("ce_type", row.type().getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** Marks the rows sent and, in the same transaction, notifies the waiters of every process. */
    private void markSent(List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH marked AS (UPDATE outbox SET sent_at = now() WHERE position = ANY(?))
                SELECT pg_notify(?, '')""")) {
            statement.setArray(
                    1,
                    connection.createArrayOf(
                            "bigint", rows.stream().map(Row::position).toArray()));
            statement.setString(2, Acknowledgements.CHANNEL);
            statement.execute();
        }
    }

    private void purgeSentRows() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(Duration.ofMinutes(1));
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => ?) AND refused IS NULL")) {
            statement.setDouble(1, settings.sentRetention().toMillis() / 1000.0);
            statement.executeUpdate();
        }
    }

    private void awaitNotification(Duration timeout) throws SQLException {
        connection.unwrap(PGConnection.class).getNotifications((int) Math.max(1, timeout.toMillis()));
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    private void resetProducer() {
        Producer<String, byte[]> current = producer;
        producer = null;
        if (current != null) {
            try {
                current.close(Duration.ZERO);
            } catch (RuntimeException ignored) {
                // a producer that fails to close is dropped all the same
            }
        }
    }

    private void disconnect() {
        Connection current = connection;
        connection = null;
        leader = false;
        if (current != null) {
            try {
                current.close(); // ends the session, which releases the advisory lock
            } catch (SQLException ignored) {
                // the session is gone either way
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the current round, flushing what was sent, and hands the lock over. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Producer<String, byte[]> current = producer;
        producer = null;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
        disconnect();
    }

    /**
     * Dies abruptly, as a killed process would: in-flight sends are abandoned and the database session is
     * cut wherever the relay is. For tests of what survives such a death.
     */
    public void kill() {
        running = false;
        resetProducer();
        Connection current = connection;
        if (current != null) {
            try {
                current.abort(Runnable::run);
            } catch (SQLException ignored) {
                // already dead
            }
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnect();
    }
}
