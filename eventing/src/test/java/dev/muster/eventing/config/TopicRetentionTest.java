package dev.muster.eventing.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.events.Topics;
import dev.muster.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicRetentionTest {

    @Test
    void eventLogTopicsKeepEverythingAndHeartbeatsKeepAnHour() throws Exception {
        String suffix = "-" + UUID.randomUUID();
        try (Admin admin = Admin.create(TestInfrastructure.kafkaClientConfig())) {
            // the topics as the services declare them, under names of this test's own
            List<NewTopic> declared =
                    EventingAutoConfiguration.declaredTopics(new EventingProperties.Topics(1, (short) 1)).stream()
                            .map(topic -> new NewTopic(
                                            topic.name() + suffix, topic.numPartitions(), topic.replicationFactor())
                                    .configs(topic.configs()))
                            .toList();
            admin.createTopics(declared).all().get();

            assertThat(retentionOf(admin, Topics.MEMBERSHIP + suffix)).isEqualTo("-1");
            assertThat(retentionOf(admin, Topics.INSTANCES + suffix)).isEqualTo("-1");
            assertThat(retentionOf(admin, Topics.HEARTBEATS + suffix))
                    .isEqualTo(String.valueOf(Duration.ofHours(1).toMillis()));
            assertThat(retentionOf(admin, Topics.AGENT_COMMANDS + suffix))
                    .isEqualTo(String.valueOf(Duration.ofDays(7).toMillis()));
        }
    }

    @Test
    void membershipsTopicHasOnePartitionSoItsEventsAreReadInTheOrderTheyWereWrittenWhateverTheirKeys() {
        var declared = EventingAutoConfiguration.declaredTopics(new EventingProperties.Topics(6, (short) 1));

        assertThat(declared)
                .filteredOn(topic -> topic.name().equals(Topics.MEMBERSHIP))
                .singleElement()
                .satisfies(topic -> assertThat(topic.numPartitions()).isEqualTo(1));
        assertThat(declared)
                .filteredOn(topic -> topic.name().equals(Topics.INSTANCES))
                .singleElement()
                .satisfies(topic -> assertThat(topic.numPartitions()).isEqualTo(6));
    }

    private static String retentionOf(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get(TopicConfig.RETENTION_MS_CONFIG).value();
    }
}
