package dev.muster.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.eventing.outbox.Acknowledgements;
import dev.muster.eventing.outbox.Outbox;
import dev.muster.eventing.outbox.OutboxRelay;
import dev.muster.eventing.postgres.ConnectionFactory;
import dev.muster.events.EventCodec;
import dev.muster.events.operations.Operation;
import dev.muster.events.operations.OperationUpdated;
import dev.muster.testing.TestInfrastructure;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcknowledgementsTest {

    private final EventingDatabase db = new EventingDatabase();
    private final Outbox outbox = new Outbox(db.jdbc, new EventCodec("/muster/acknowledgements-test"));
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing.reversed()) {
            resource.close();
        }
        db.close();
    }

    @Test
    void aWaiterIsReleasedOnceARelayInAnotherProcessHasSentTheEvent() throws Exception {
        Acknowledgements acknowledgements = acknowledgements(db.connections());
        String eventId = publish();
        CompletableFuture<Boolean> sent =
                CompletableFuture.supplyAsync(() -> acknowledgements.awaitSent(eventId, Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(10)).until(this::listening);
        assertThat(sent).isNotDone();

        relay("elsewhere", null); // not this process's: only its NOTIFY reaches the waiter

        assertThat(sent.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(db.unsentRows()).isZero();
    }

    @Test
    void aWaiterInTheRelaysOwnProcessIsReleasedWithoutANotification() throws Exception {
        Acknowledgements acknowledgements = acknowledgements(() -> {
            throw new SQLException("no connection to listen on");
        });
        String eventId = publish();
        CompletableFuture<Boolean> sent =
                CompletableFuture.supplyAsync(() -> acknowledgements.awaitSent(eventId, Duration.ofSeconds(30)));

        relay("here", acknowledgements);

        assertThat(sent.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(db.unsentRows()).isZero();
    }

    @Test
    void aWaiterForAnEventSentBeforeItAskedReturnsAtOnce() {
        Acknowledgements acknowledgements = acknowledgements(db.connections());
        String eventId = publish();
        relay("earlier", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.unsentRows() == 0);

        assertThat(acknowledgements.awaitSent(eventId, Duration.ZERO)).isTrue();
    }

    @Test
    void aWaiterGivesUpAfterItsTimeoutWhileNoRelaySends() {
        Acknowledgements acknowledgements = acknowledgements(db.connections());
        String eventId = publish();

        assertThat(acknowledgements.awaitSent(eventId, Duration.ofMillis(300))).isFalse();
        assertThat(db.unsentRows()).isEqualTo(1);
    }

    @Test
    void aWaiterGivesUpAfterItsTimeoutWhileKafkaIsUnreachable() {
        Acknowledgements acknowledgements = acknowledgements(db.connections());
        var settings = new OutboxRelay.Settings(
                500, Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMinutes(10), "unreachable");
        var producerConfig = OutboxRelay.producerConfig("127.0.0.1:1", "unreachable");
        producerConfig.put("max.block.ms", 200);
        OutboxRelay relay = new OutboxRelay(
                        db.connections(), () -> new KafkaProducer<>(producerConfig), settings, acknowledgements)
                .start();
        closing.add(relay);
        await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
        String eventId = publish();

        assertThat(acknowledgements.awaitSent(eventId, Duration.ofSeconds(1))).isFalse();
        assertThat(db.unsentRows()).isEqualTo(1);
    }

    private Acknowledgements acknowledgements(ConnectionFactory connections) {
        Acknowledgements acknowledgements = new Acknowledgements(db.jdbc, connections);
        closing.add(acknowledgements);
        return acknowledgements;
    }

    private void relay(String name, Acknowledgements acknowledgements) {
        var settings = new OutboxRelay.Settings(
                500, Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMinutes(10), name);
        var producerConfig = OutboxRelay.producerConfig(TestInfrastructure.kafkaBootstrapServers(), name);
        producerConfig.putAll(TestInfrastructure.kafkaClientConfig());
        closing.add(
                acknowledgements == null
                        ? new OutboxRelay(db.connections(), () -> new KafkaProducer<>(producerConfig), settings).start()
                        : new OutboxRelay(
                                        db.connections(),
                                        () -> new KafkaProducer<>(producerConfig),
                                        settings,
                                        acknowledgements)
                                .start());
    }

    private String publish() {
        Instant now = Instant.now();
        String key = "ack-" + UUID.randomUUID();
        return db.transactions.execute(tx -> outbox.publish(new OperationUpdated(new Operation(
                        key, "task", "test", now, now, "Running", 103, Map.of(), Map.of(), false, "", "")))
                .id());
    }

    /** Whether some session of the test database listens on the channel the relay notifies. */
    private boolean listening() {
        return Boolean.TRUE.equals(db.jdbc.queryForObject(
                "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN muster_outbox_sent%'",
                Boolean.class));
    }
}
