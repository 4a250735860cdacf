package dev.muster.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.eventing.inbox.Inbox;
import dev.muster.events.EventCodec;
import dev.muster.events.EventEnvelope;
import dev.muster.events.operations.OperationCancelRequested;
import dev.muster.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class InboxTest {

    static final EventingDatabase db = new EventingDatabase();
    final Inbox inbox = new Inbox(db.jdbc, db.transactions);
    final EventCodec codec = new EventCodec("/muster/inbox-test");

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void theSameEventDeliveredTwiceThroughKafkaChangesStateOnce() {
        db.jdbc.execute("CREATE TABLE cancellations (operation_id text PRIMARY KEY, times int NOT NULL)");
        String topic = "inbox-test-" + UUID.randomUUID();
        EventEnvelope envelope = codec.envelope(new OperationCancelRequested("op-1", "test"));
        byte[] bytes = codec.toBytes(envelope);
        try (var producer = new KafkaProducer<String, byte[]>(TestInfrastructure.kafkaClientConfig(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "op-1", bytes));
            producer.send(new ProducerRecord<>(topic, "op-1", bytes)); // a redelivery, as after a crash before commit
        }

        int applied = 0;
        int delivered = 0;
        try (var consumer = new KafkaConsumer<String, byte[]>(TestInfrastructure.kafkaClientConfig(
                ConsumerConfig.GROUP_ID_CONFIG,
                "inbox-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (delivered < 2 && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    delivered++;
                    EventEnvelope received = codec.readEnvelope(record.value());
                    boolean ran = inbox.receive(
                            "cancellations", received.id(), () -> db.jdbc.update("""
                            INSERT INTO cancellations VALUES (?, 1)
                            ON CONFLICT (operation_id) DO UPDATE SET times = cancellations.times + 1""", received.subject()));
                    applied += ran ? 1 : 0;
                    consumer.commitSync(); // offsets only after the transaction
                }
            }
        }

        assertThat(delivered).isEqualTo(2);
        assertThat(applied).isEqualTo(1);
        assertThat(db.jdbc.queryForObject("SELECT times FROM cancellations WHERE operation_id = 'op-1'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void anEffectThatFailsLeavesNoInboxRecordSoTheRedeliveryAppliesIt() {
        db.jdbc.execute("CREATE TABLE IF NOT EXISTS counters (name text PRIMARY KEY, value int NOT NULL)");
        String eventId = UUID.randomUUID().toString();

        boolean first;
        try {
            first = inbox.receive("counters", eventId, () -> {
                db.jdbc.update("INSERT INTO counters VALUES ('c', 1)");
                throw new IllegalStateException("crash in the middle of the effect");
            });
        } catch (IllegalStateException expected) {
            first = false;
        }
        boolean second =
                inbox.receive("counters", eventId, () -> db.jdbc.update("INSERT INTO counters VALUES ('c', 1)"));

        assertThat(first).isFalse();
        assertThat(second).isTrue();
        assertThat(db.jdbc.queryForObject("SELECT value FROM counters WHERE name = 'c'", Integer.class))
                .isEqualTo(1);
    }
}
