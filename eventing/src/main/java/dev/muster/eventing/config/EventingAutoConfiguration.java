package dev.muster.eventing.config;

import dev.muster.eventing.failures.DeadLetters;
import dev.muster.eventing.failures.ListenerFailures;
import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.eventing.inbox.ViewListeners;
import dev.muster.eventing.outbox.Acknowledgements;
import dev.muster.eventing.outbox.EventSizeLimit;
import dev.muster.eventing.outbox.Outbox;
import dev.muster.eventing.outbox.OutboxRelay;
import dev.muster.eventing.postgres.ConnectionFactory;
import dev.muster.eventing.store.DomainEventTypes;
import dev.muster.eventing.store.EventStore;
import dev.muster.events.EventCodec;
import dev.muster.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the event store, outbox, relay and inbox into a Spring Boot service. */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, KafkaAutoConfiguration.class})
@EnableConfigurationProperties(EventingProperties.class)
public class EventingAutoConfiguration {

    @Bean
    EventingSchema eventingSchema(DataSource dataSource) {
        return new EventingSchema(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec(@Value("${spring.application.name:muster}") String service) {
        return new EventCodec("/muster/" + service);
    }

    @Bean
    @ConditionalOnMissingBean
    DomainEventTypes domainEventTypes() {
        return new DomainEventTypes();
    }

    @Bean
    EventStore eventStore(EventingSchema schema, JdbcTemplate jdbc, DomainEventTypes types) {
        return new EventStore(jdbc, types, JsonMapper.builder().build());
    }

    @Bean
    Outbox outbox(EventingSchema schema, JdbcTemplate jdbc, EventCodec codec, EventingProperties properties) {
        return new Outbox(jdbc, codec, new EventSizeLimit(properties.maxEventBytes()));
    }

    @Bean
    DeadLetters deadLetters(Outbox outbox, @Value("${spring.application.name:muster}") String service) {
        return new DeadLetters(outbox, service, Clock.systemUTC());
    }

    @Bean
    ListenerFailures listenerFailures(DeadLetters deadLetters, TransactionTemplate transactions) {
        return new ListenerFailures(deadLetters, transactions, Clock.systemUTC());
    }

    /**
     * Every listener container's error handler (Spring Boot's container factory picks it up, and so do
     * {@link #viewListeners}): transient failures are retried for as long as they last, others end as dead letters.
     */
    @Bean
    CommonErrorHandler musterListenerErrorHandler(ListenerFailures failures) {
        return failures.errorHandler();
    }

    @Bean
    Inbox inbox(EventingSchema schema, JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new Inbox(jdbc, transactions);
    }

    @Bean
    Acknowledgements acknowledgements(EventingSchema schema, JdbcTemplate jdbc, JdbcConnectionDetails database) {
        return new Acknowledgements(jdbc, connections(database));
    }

    @Bean
    EventReader eventReader(EventCodec codec) {
        return new EventReader(codec);
    }

    @Bean
    @ConditionalOnProperty(name = "muster.eventing.relay.enabled", matchIfMissing = true)
    RelayLifecycle outboxRelay(
            EventingSchema schema,
            JdbcConnectionDetails database,
            KafkaConnectionDetails kafka,
            KafkaProperties kafkaProperties,
            EventingProperties properties,
            Acknowledgements acknowledgements,
            @Value("${spring.application.name:muster}") String service) {
        EventingProperties.Relay relay = properties.relay();
        var settings = new OutboxRelay.Settings(
                relay.batchSize(), relay.idlePoll(), relay.retryBackoff(), relay.sentRetention(), service);
        Map<String, Object> producerConfig =
                OutboxRelay.producerConfig(String.join(",", kafka.getBootstrapServers()), service);
        producerConfig.putAll(kafkaProperties.getProperties()); // the login (spring.kafka.properties.sasl.*)
        ConnectionFactory connections = connections(database);
        return new RelayLifecycle(() ->
                new OutboxRelay(connections, () -> new KafkaProducer<>(producerConfig), settings, acknowledgements));
    }

    private static ConnectionFactory connections(JdbcConnectionDetails database) {
        return ConnectionFactory.of(database.getJdbcUrl(), database.getUsername(), database.getPassword());
    }

    /** The service is healthy only while Kafka answers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class KafkaHealthConfiguration {
        @Bean
        HealthIndicator kafkaHealthIndicator(KafkaConnectionDetails kafka, KafkaProperties kafkaProperties) {
            return new KafkaHealth(String.join(",", kafka.getBootstrapServers()), kafkaProperties.getProperties());
        }

        @Bean
        HealthIndicator listenersHealthIndicator(ListenerFailures failures) {
            return new ListenersHealth(failures);
        }
    }

    /** Consumers read Muster's envelopes as raw bytes keyed by entity id, from the beginning of a topic. */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer musterConsumers() {
        return factory -> {
            @SuppressWarnings("unchecked")
            var typed = (DefaultKafkaConsumerFactory<String, byte[]>) factory;
            typed.setKeyDeserializer(new StringDeserializer());
            typed.setValueDeserializer(new ByteArrayDeserializer());
            typed.updateConfigs(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        };
    }

    @Bean
    MusterInstance musterInstance(Environment environment) {
        return MusterInstance.of(environment);
    }

    /** Listeners of views, read whole at every start of the process: see {@link ViewListeners}. */
    @Bean(ViewListeners.FROM_THE_BEGINNING)
    ConcurrentKafkaListenerContainerFactory<Object, Object> viewListenersFromTheBeginning(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        return viewListeners(configurer, consumers, ViewListeners.Start.BEGINNING);
    }

    /** Listeners of views that only care about what happens after the start of the process: see {@link ViewListeners}. */
    @Bean(ViewListeners.FROM_THE_END)
    ConcurrentKafkaListenerContainerFactory<Object, Object> viewListenersFromTheEnd(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        return viewListeners(configurer, consumers, ViewListeners.Start.END);
    }

    private static ConcurrentKafkaListenerContainerFactory<Object, Object> viewListeners(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumers,
            ViewListeners.Start start) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.getContainerProperties().setConsumerRebalanceListener(new ViewListeners(start));
        return factory;
    }

    @Bean
    KafkaAdmin.NewTopics musterTopics(EventingProperties properties) {
        return new KafkaAdmin.NewTopics(declaredTopics(properties.topics()).toArray(NewTopic[]::new));
    }

    /** Every public topic as a service creates it when it is missing. */
    static List<NewTopic> declaredTopics(EventingProperties.Topics settings) {
        return Topics.ALL.stream()
                .map(name -> TopicBuilder.name(name)
                        .partitions(partitions(name, settings))
                        .replicas(settings.replicationFactor())
                        .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMillis(name)))
                        .build())
                .toList();
    }

    /**
     * Membership's topic has one partition: its events come from one ordered stream, and a reader must see them in
     * that order whatever their keys (a rename is keyed by the new name, the join it follows by the old one). Its
     * volume is small. Every other topic orders per entity only, and spreads over {@code settings.partitions()}.
     */
    static int partitions(String topic, EventingProperties.Topics settings) {
        return topic.equals(Topics.MEMBERSHIP) ? 1 : settings.partitions();
    }

    /**
     * How long a topic keeps its records. The topics services rebuild their views from (membership, health,
     * instances, images) keep everything, as an event log must; heartbeats matter for seconds and keep an hour;
     * dead letters keep a month, for someone to look at them; requests, commands, results and operations keep
     * Kafka's default week.
     */
    static long retentionMillis(String topic) {
        return switch (topic) {
            case Topics.MEMBERSHIP, Topics.HEALTH, Topics.INSTANCES, Topics.IMAGES -> -1L;
            case Topics.HEARTBEATS -> Duration.ofHours(1).toMillis();
            case Topics.DEAD_LETTERS -> Duration.ofDays(30).toMillis();
            default -> Duration.ofDays(7).toMillis();
        };
    }
}
