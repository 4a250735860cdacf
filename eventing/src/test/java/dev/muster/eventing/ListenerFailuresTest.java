package dev.muster.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.eventing.failures.DeadLetters;
import dev.muster.eventing.failures.ListenerFailures;
import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.EventCodec;
import dev.muster.events.Topics;
import dev.muster.testing.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/** A listener whose handler fails neither skips the record in silence nor stops on it. */
class ListenerFailuresTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "muster.listener-failures-test." + run;
    private final EventingDatabase db = new EventingDatabase();
    private final ListenerFailures failures = new ListenerFailures(
            new DeadLetters(new Outbox(db.jdbc, new EventCodec("/muster/test")), "test-service", Clock.systemUTC()),
            db.transactions,
            Clock.systemUTC());
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private KafkaMessageListenerContainer<String, String> container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.stop();
        }
        db.close();
    }

    @Test
    void aRecordItsHandlerAlwaysFailsOnGoesToTheDeadLettersWithItsReasonAndTheNextOneIsHandled() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        start(value -> {
            if (value.equals("poison")) {
                tries.incrementAndGet();
                throw new IllegalArgumentException("Unknown cluster group \"gpu\"");
            }
        });

        publish("poison", "fine");

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("fine"));
        assertThat(tries.get()).isEqualTo(ListenerFailures.ATTEMPTS);
        Map<String, Object> letter = db.jdbc.queryForMap(
                "SELECT topic, key, convert_from(payload, 'UTF8')::jsonb -> 'data' AS data FROM outbox");
        assertThat(letter.get("topic")).isEqualTo(Topics.DEAD_LETTERS);
        assertThat(letter.get("key")).isEqualTo("poison");
        assertThat(letter.get("data").toString())
                .contains("\"stage\": \"consume\"", "\"topic\": \"" + topic + "\"", "\"service\": \"test-service\"")
                .contains("IllegalArgumentException: Unknown cluster group \\\"gpu\\\"");
        assertThat(failures.deadLettered()).isEqualTo(1);
        assertThat(failures.transientFailure()).isEmpty();
    }

    @Test
    void aRecordWhoseDatabaseIsDownIsRetriedUntilItIsBackNeverSkippedAndTheFailureIsReported() throws Exception {
        AtomicInteger outage = new AtomicInteger(4);
        start(value -> {
            if (outage.getAndDecrement() > 0) {
                throw new DataAccessResourceFailureException("Connection to 127.0.0.1:5432 refused");
            }
        });

        publish("first", "second");

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.containsAll(List.of("first", "second")));
        assertThat(handled).containsExactly("first", "second");
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class))
                .isZero();
        assertThat(failures.transientFailure())
                .hasValueSatisfying(reason -> assertThat(reason).contains("Connection to 127.0.0.1:5432 refused"));
    }

    private interface Handler {
        void handle(String value);
    }

    private void start(Handler handler) throws Exception {
        try (Admin admin = Admin.create(TestInfrastructure.kafkaClientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        var consumers = new DefaultKafkaConsumerFactory<String, String>(TestInfrastructure.kafkaClientConfig(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setGroupId("failures-" + run);
        properties.setMessageListener((MessageListener<String, String>) (ConsumerRecord<String, String> record) -> {
            handler.handle(record.value());
            handled.add(record.value());
        });
        container = new KafkaMessageListenerContainer<>(consumers, properties);
        container.setCommonErrorHandler(failures.errorHandler());
        container.start();
    }

    private void publish(String... values) throws Exception {
        try (var producer = new KafkaProducer<String, String>(TestInfrastructure.kafkaClientConfig(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value)).get();
            }
        }
    }
}
