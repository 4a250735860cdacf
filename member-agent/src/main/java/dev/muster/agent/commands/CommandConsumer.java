package dev.muster.agent.commands;

import dev.muster.agent.commands.AnsweredCommands.Answer;
import dev.muster.agent.commands.AnsweredCommands.Delivery;
import dev.muster.agent.commands.ReceivedCommand.Known;
import dev.muster.agent.commands.ReceivedCommand.Unknown;
import dev.muster.events.EventCodec;
import dev.muster.events.Topics;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.AgentResult;
import dev.muster.events.agents.CommandResult;
import dev.muster.kafka.access.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@value Topics#AGENT_COMMANDS}, carries out the commands meant for this process's members and answers each
 * once on {@value Topics#AGENT_RESULTS}. Offsets are committed only after Kafka acknowledged the results of a batch;
 * if it refused one, the batch is read again and what was already answered is not carried out again.
 */
public final class CommandConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandConsumer.class);

    /** How many commands' answers are remembered, so that a redelivered one is not carried out again. */
    private static final int REMEMBERED_COMMANDS = 100_000;

    private static final int MAX_POLL_RECORDS = 500;
    /** How long results wait to be sent together. */
    private static final int RESULTS_LINGER_MS = 5;

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    /** How long to wait before reading commands again after they could not be handled. */
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration THREAD_STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RESULTS_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> results;
    private final EventCodec codec;
    private final Function<String, Workload> workloads;
    private final AnsweredCommands answered = new AnsweredCommands(REMEMBERED_COMMANDS);
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param workloads the workload of a member of this process, or null for a member that is not ours (or is dead
     *     and must not answer)
     */
    public CommandConsumer(
            Consumer<String, byte[]> consumer,
            Producer<String, byte[]> results,
            EventCodec codec,
            Function<String, Workload> workloads) {
        this.consumer = consumer;
        this.results = results;
        this.codec = codec;
        this.workloads = workloads;
        this.thread = new Thread(this::run, "member-agent-commands");
        this.thread.setDaemon(true);
    }

    private static Map<String, Object> with(KafkaConnection kafka, Object... settings) {
        Map<String, Object> config = new java.util.HashMap<>(kafka.clientConfig());
        for (int i = 0; i < settings.length; i += 2) {
            config.put((String) settings[i], settings[i + 1]);
        }
        return config;
    }

    /** Starts consuming in the consumer group {@code groupId} (from the topic's beginning for a new group). */
    public static CommandConsumer start(
            KafkaConnection kafka, String groupId, EventCodec codec, Function<String, Workload> workloads) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(with(
                kafka,
                ConsumerConfig.GROUP_ID_CONFIG,
                groupId,
                ConsumerConfig.CLIENT_ID_CONFIG,
                groupId + "-commands",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                MAX_POLL_RECORDS,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        KafkaProducer<String, byte[]> results = new KafkaProducer<>(with(
                kafka,
                ProducerConfig.CLIENT_ID_CONFIG,
                groupId + "-results",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                RESULTS_LINGER_MS,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
        consumer.subscribe(List.of(Topics.AGENT_COMMANDS));
        CommandConsumer commands = new CommandConsumer(consumer, results, codec, workloads);
        commands.thread.start();
        return commands;
    }

    private record Sent(AgentResult result, Future<RecordMetadata> acknowledgement) {}

    private void run() {
        try {
            while (running) {
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                    if (!records.isEmpty()) {
                        handle(records);
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    log.warn("Commands could not be handled, reading them again in a second: {}", e.toString());
                    pause();
                    rewind();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(CONSUMER_CLOSE_TIMEOUT);
        }
    }

    /** Goes back to the last committed offsets, so that nothing read since is skipped. */
    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    private void handle(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        List<Sent> sent = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            firstOffsets.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
            commandIn(record).ifPresent(command -> answer(command).ifPresent(sent::add));
        }
        results.flush();
        boolean allAcknowledged = true;
        for (Sent one : sent) {
            try {
                one.acknowledgement().get();
                answered.update(one.result(), Delivery.ACKNOWLEDGED);
            } catch (ExecutionException e) {
                allAcknowledged = false;
                answered.update(one.result(), Delivery.REFUSED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        if (allAcknowledged) {
            consumer.commitSync();
        } else {
            log.warn("Kafka refused some command results; reading the batch again to send them again");
            firstOffsets.forEach(consumer::seek);
        }
    }

    private Optional<ReceivedCommand> commandIn(ConsumerRecord<String, byte[]> record) {
        try {
            return ReceivedCommand.read(codec, record.key(), record.value());
        } catch (RuntimeException e) {
            log.warn(
                    "Skipping an unreadable record at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Sent> answer(ReceivedCommand received) {
        Workload workload = workloads.apply(received.member());
        if (workload == null) {
            return Optional.empty();
        }
        Optional<Answer> earlier = answered.answerTo(received.member(), received.commandId());
        if (earlier.isPresent() && earlier.get().delivery() != Delivery.REFUSED) {
            return Optional.empty();
        }
        if (earlier.isPresent()) {
            return Optional.of(send(earlier.get().result()));
        }
        CompletableFuture<AgentResult> outcome = switch (received) {
            case Known known -> carryOut(workload, known.command());
            case Unknown unknown -> {
                log.warn(
                        "Answering command {} for {} as unsupported: its type {} is unknown to this agent",
                        unknown.commandId(),
                        unknown.member(),
                        unknown.type());
                yield CompletableFuture.completedFuture(
                        CommandResult.unknownCommand(unknown.member(), unknown.commandId(), unknown.type()));
            }
        };
        if (outcome.isDone()) {
            return Optional.of(send(outcome.join()));
        }
        // an image copy, in the background: its result is sent when it is done. Should this process die first, the
        // command is lost with it, and the image service asks again once its patience runs out.
        answered.pending(received.member(), received.commandId());
        outcome.thenAccept(result -> {
            if (workloads.apply(result.member()) == null) {
                return; // the member died meanwhile (a simulated kill): it does not answer
            }
            Sent sent = send(result);
            try {
                sent.acknowledgement().get();
                answered.update(result, Delivery.ACKNOWLEDGED);
            } catch (ExecutionException e) {
                answered.update(result, Delivery.REFUSED);
                log.warn(
                        "Kafka refused the result of {}: {}",
                        result.commandId(),
                        e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return Optional.empty();
    }

    /**
     * A command the workload fails on (a bug, or data a schema should have kept out) is answered failed rather than read
     * again and again.
     */
    private static CompletableFuture<AgentResult> carryOut(Workload workload, AgentCommand command) {
        try {
            return workload.start(command);
        } catch (RuntimeException e) {
            log.error("Command {} for {} could not be carried out", command.commandId(), command.member(), e);
            return CompletableFuture.completedFuture(CommandResult.failed(
                    command,
                    "The agent could not carry the command out (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private Sent send(AgentResult result) {
        answered.update(result, Delivery.SENDING);
        byte[] bytes = codec.toBytes(codec.envelope(result));
        Future<RecordMetadata> acknowledgement;
        try {
            acknowledgement = results.send(new ProducerRecord<>(Topics.AGENT_RESULTS, result.member(), bytes));
        } catch (RuntimeException e) {
            acknowledgement = CompletableFuture.failedFuture(e);
        }
        return new Sent(result, acknowledgement);
    }

    /**
     * Sends a report no command asked for (the member's inventory at start and now and then), fire and forget: the next
     * one is never far.
     */
    public void report(AgentResult result) {
        try {
            results.send(
                    new ProducerRecord<>(Topics.AGENT_RESULTS, result.member(), codec.toBytes(codec.envelope(result))),
                    (metadata, error) -> {
                        if (error != null) {
                            log.warn("Kafka refused a report of {}: {}", result.member(), error.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("A report of {} could not be sent: {}", result.member(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(THREAD_STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        results.close(RESULTS_CLOSE_TIMEOUT);
    }
}
