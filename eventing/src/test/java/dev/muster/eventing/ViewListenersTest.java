package dev.muster.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.eventing.inbox.ViewListeners;
import dev.muster.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

class ViewListenersTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "muster.view-listeners-test." + run;
    private final String group = "view-" + run;

    @Test
    void aViewListenerReadsTheWholeTopicAtEveryStartOfItsProcessUnderOneGroup() throws Exception {
        try (Admin admin = Admin.create(TestInfrastructure.kafkaClientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            publish("a", "b", "c");

            assertThat(startOfProcess(ViewListeners.Start.BEGINNING, 3)).containsExactlyInAnyOrder("a", "b", "c");
            publish("d");
            assertThat(startOfProcess(ViewListeners.Start.BEGINNING, 4)).containsExactlyInAnyOrder("a", "b", "c", "d");

            assertThat(admin.listGroups().all().get().stream()
                            .map(GroupListing::groupId)
                            .filter(id -> id.contains(run)))
                    .containsExactly(group);
        }
    }

    @Test
    void aListenerFromTheEndReadsOnlyWhatIsPublishedAfterItsProcessStarted() throws Exception {
        try (Admin admin = Admin.create(TestInfrastructure.kafkaClientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        publish("old");
        List<String> received = new CopyOnWriteArrayList<>();
        KafkaMessageListenerContainer<String, String> container = container(ViewListeners.Start.END, received);
        container.start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> container.getAssignedPartitions() != null
                            && container.getAssignedPartitions().size() == 2);
            publish("new");
            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains("new"));
            assertThat(received).containsExactly("new");
        } finally {
            container.stop();
        }
    }

    /** Starts a listener as a fresh process would, waits for {@code expected} records, and stops it. */
    private List<String> startOfProcess(ViewListeners.Start start, int expected) {
        List<String> received = new CopyOnWriteArrayList<>();
        KafkaMessageListenerContainer<String, String> container = container(start, received);
        container.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= expected);
        } finally {
            container.stop();
        }
        return received;
    }

    private KafkaMessageListenerContainer<String, String> container(ViewListeners.Start start, List<String> received) {
        var consumers = new DefaultKafkaConsumerFactory<String, String>(TestInfrastructure.kafkaClientConfig(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setGroupId(group);
        properties.setConsumerRebalanceListener(new ViewListeners(start));
        properties.setMessageListener((MessageListener<String, String>)
                (ConsumerRecord<String, String> record) -> received.add(record.value()));
        return new KafkaMessageListenerContainer<>(consumers, properties);
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
