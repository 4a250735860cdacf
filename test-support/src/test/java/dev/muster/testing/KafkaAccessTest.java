package dev.muster.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The test broker is secured as the real one: who may connect, write and read is decided by kafka-access. */
class KafkaAccessTest {

    @Test
    void aClientWithoutCredentialsIsRefused() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(5, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
        }
    }

    @Test
    void aClientWithAWrongPasswordIsRefused() {
        Map<String, Object> config = new HashMap<>(TestInfrastructure.kafkaAs("gateway")
                .withPassword("not-the-password-at-all")
                .clientConfig());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void anAgentMayWriteHeartbeatsButNotHealthVerdicts() throws Exception {
        try (KafkaProducer<String, String> agent = producer("agent-m1")) {
            agent.send(new ProducerRecord<>(Topics.HEARTBEATS, "m1", "{}")).get(10, TimeUnit.SECONDS);

            assertThatThrownBy(() -> agent.send(new ProducerRecord<>(Topics.HEALTH, "m1", "{}"))
                            .get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void anAgentMayNotWriteCommandsForOtherMembers() {
        try (KafkaProducer<String, String> agent = producer("agent-m2")) {
            assertThatThrownBy(() -> agent.send(new ProducerRecord<>(Topics.AGENT_COMMANDS, "m3", "{}"))
                            .get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theHealthMonitorMayWriteHealthVerdicts() throws Exception {
        try (KafkaProducer<String, String> monitor = producer("health-monitor")) {
            assertThat(monitor.send(new ProducerRecord<>(Topics.HEALTH, "m1", "{}"))
                            .get(10, TimeUnit.SECONDS)
                            .topic())
                    .isEqualTo(Topics.HEALTH);
        }
    }

    @Test
    void aServiceMayNotReadInAnotherServicesConsumerGroup() {
        Map<String, Object> config =
                new HashMap<>(TestInfrastructure.kafkaAs("gateway").clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "scheduler-placement");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.OPERATIONS));
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 50; i++) {
                            consumer.poll(Duration.ofMillis(200));
                        }
                    })
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aPrincipalOutsideTheTableMayLogInButDoNothing() {
        try (KafkaProducer<String, String> stranger = producer("mallory")) {
            assertThatThrownBy(() -> stranger.send(new ProducerRecord<>(Topics.HEARTBEATS, "m1", "{}"))
                            .get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> config =
                new HashMap<>(TestInfrastructure.kafkaAs(principal).clientConfig());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config);
    }
}
