package dev.muster.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.eventing.inbox.CatchUp;
import dev.muster.testing.TcpProxy;
import dev.muster.testing.TestInfrastructure;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

class CatchUpTest {

    @Test
    void aBrokerThatDoesNotAnswerAtStartUpDelaysTheCatchUpInsteadOfEndingIt() throws Exception {
        String topic = "muster.catch-up-test." + UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        try (Admin admin = Admin.create(TestInfrastructure.kafkaClientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (TcpProxy broker = TcpProxy.reserve()) {
            var consumers = new DefaultKafkaConsumerFactory<String, byte[]>(TestInfrastructure.kafkaClientConfig(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.address(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            CatchUp catchUp = new CatchUp(consumers, "catch-up-test", List.of(topic), Duration.ofMillis(500));

            CompletableFuture<Void> caughtUp = CompletableFuture.runAsync(() -> {
                try {
                    catchUp.awaitCaughtUp();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(3000); // several looks time out meanwhile
            assertThat(caughtUp).isNotDone();
            assertThat(catchUp.waitingFor()).startsWith("Kafka, to learn where " + topic + " end");

            URI target = URI.create("kafka://" + bootstrap.split(",")[0]);
            broker.open(target.getHost(), target.getPort());

            caughtUp.get(60, TimeUnit.SECONDS);
            assertThat(catchUp.caughtUp()).isTrue();
            assertThat(catchUp.waitingFor()).isEmpty();
        }
    }
}
