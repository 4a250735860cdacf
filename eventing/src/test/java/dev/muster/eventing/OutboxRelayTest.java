package dev.muster.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.eventing.outbox.EventSizeLimit;
import dev.muster.eventing.outbox.Outbox;
import dev.muster.eventing.outbox.OutboxRelay;
import dev.muster.events.EventCodec;
import dev.muster.events.EventEnvelope;
import dev.muster.events.Topics;
import dev.muster.events.operations.Operation;
import dev.muster.events.operations.OperationUpdated;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    private final EventingDatabase db = new EventingDatabase();
    private final EventCodec codec = new EventCodec("/muster/outbox-test");
    private final Outbox outbox = new Outbox(db.jdbc, codec);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<OutboxRelay> relays = new ArrayList<>();

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::close);
        db.close();
    }

    @Test
    void eventsFromEightTransactionsCommittingInShuffledOrderAllReachKafkaOnceInKeyOrder() throws Exception {
        int transactions = 8;
        int eventsPerTransaction = 1250;
        startRelay("shuffled");
        CountDownLatch allWritten = new CountDownLatch(transactions);
        List<CountDownLatch> commitTurn = new ArrayList<>();
        for (int i = 0; i < transactions; i++) {
            commitTurn.add(new CountDownLatch(1));
        }
        ExecutorService writers = Executors.newFixedThreadPool(transactions);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < transactions; t++) {
            int writer = t;
            done.add(writers.submit(() -> db.transactions.executeWithoutResult(tx -> {
                List<OperationUpdated> events = new ArrayList<>();
                for (int seq = 0; seq < eventsPerTransaction; seq++) {
                    events.add(event(key(writer, seq % 25), seq));
                }
                outbox.publishAll(events);
                allWritten.countDown();
                awaitLatch(commitTurn.get(writer));
            })));
        }
        allWritten.await();
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
        Collections.shuffle(order, new Random(42));
        Collections.swap(order, order.indexOf(0), order.size() - 1); // the lowest positions commit last
        for (int writer : order) {
            commitTurn.get(writer).countDown();
            done.get(writer).get(30, TimeUnit.SECONDS); // committed before the next one may
        }
        writers.shutdown();

        int expected = transactions * eventsPerTransaction;
        List<EventEnvelope> received = receiveOurs(expected, Duration.ofSeconds(60));

        Map<String, EventEnvelope> byId = new LinkedHashMap<>();
        received.forEach(e -> byId.putIfAbsent(e.id(), e));
        assertThat(byId).hasSize(expected);
        Map<String, List<Integer>> sequencesByKey = new HashMap<>();
        for (EventEnvelope envelope : byId.values()) {
            sequencesByKey
                    .computeIfAbsent(envelope.subject(), k -> new ArrayList<>())
                    .add(sequenceOf(envelope));
        }
        assertThat(sequencesByKey).hasSize(transactions * 25);
        sequencesByKey.forEach((key, sequences) ->
                assertThat(sequences).as("order of key %s", key).isSorted());
        await().atMost(Duration.ofSeconds(10)).until(() -> db.unsentRows() == 0);
    }

    @Test
    void aRelayKilledInTheMiddleOfABatchLosesNothingAndAStandbyTakesOver() throws Exception {
        int expected = 20_000;
        for (int chunk = 0; chunk < 20; chunk++) {
            int base = chunk * 1000;
            db.transactions.executeWithoutResult(tx -> {
                List<OperationUpdated> events = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    events.add(event(key(0, (base + i) % 50), base + i));
                }
                outbox.publishAll(events);
            });
        }
        OutboxRelay first = startRelay("first");
        await().atMost(Duration.ofSeconds(30)).until(first::isLeader);
        OutboxRelay standby = startRelay("standby");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.relayedCount() >= 2000);
        assertThat(standby.isLeader()).isFalse();

        first.kill();

        await().atMost(Duration.ofSeconds(30)).until(standby::isLeader);
        List<EventEnvelope> received = receiveOurs(expected, Duration.ofSeconds(60));
        assertThat(received.stream().map(EventEnvelope::id).distinct()).hasSize(expected);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.unsentRows() == 0);
        assertThat(first.relayedCount()).isLessThan(expected);
    }

    @Test
    void aRelayWakesOnCommitWithoutWaitingForItsPoll() {
        OutboxRelay relay = startRelay("prompt");
        await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
        db.transactions.executeWithoutResult(tx -> outbox.publish(event(key(1, 1), 1)));
        Instant committed = Instant.now();

        receiveOurs(1, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> db.unsentRows() == 0);

        assertThat(relay.relayedCount()).isEqualTo(1);
        assertThat(Duration.between(committed, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anEventKafkaRefusesForGoodIsSetAsideAsADeadLetterAndTheEventsBehindItGoOn() {
        Outbox unlimited = new Outbox(db.jdbc, codec, new EventSizeLimit(16 << 20));
        String poisoned = key(9, 1);
        db.transactions.executeWithoutResult(tx -> {
            unlimited.publish(bloated(poisoned, 2 << 20)); // over the producer's 1 MiB max.request.size
            outbox.publish(event(poisoned, 2));
            outbox.publish(event(key(9, 2), 3));
        });
        OutboxRelay relay = startRelay("refused");

        List<EventEnvelope> received = receiveOurs(2, Duration.ofSeconds(30));
        assertThat(received).extracting(this::sequenceOf).containsExactlyInAnyOrder(2, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.unsentRows() == 0);
        assertThat(relay.refusedCount()).isEqualTo(1);
        assertThat(db.jdbc.queryForObject("SELECT refused FROM outbox WHERE refused IS NOT NULL", String.class))
                .startsWith("RecordTooLargeException");
        try (TopicReader reader = new TopicReader(Topics.DEAD_LETTERS)) {
            List<ConsumerRecord<String, byte[]>> letters = reader.readUntil(
                    all -> all.stream().anyMatch(r -> poisoned.equals(r.key())), Duration.ofSeconds(30));
            EventEnvelope letter = letters.stream()
                    .filter(r -> poisoned.equals(r.key()))
                    .map(r -> codec.readEnvelope(r.value()))
                    .findFirst()
                    .orElseThrow();
            assertThat(letter.data().get("stage").asString()).isEqualTo("publish");
            assertThat(letter.data().get("topic").asString()).isEqualTo(Topics.OPERATIONS);
            assertThat(letter.data().get("size_bytes").asLong()).isGreaterThan(2 << 20);
            assertThat(letter.data().get("reason").asString()).startsWith("RecordTooLargeException");
        }
    }

    @Test
    void aLaterWriterOfAKeyWaitsForTheEarlierOneSoKafkaGetsTheKeysEventsInTheOrderTheyWereWritten() throws Exception {
        startRelay("per-key");
        String key = key(7, 1);
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = writers.submit(() -> db.transactions.executeWithoutResult(tx -> {
                outbox.publish(event(key, 1));
                firstWrote.countDown();
                awaitLatch(secondStarted);
                sleep(Duration.ofSeconds(1)); // the second writer is at its insert meanwhile
            }));
            firstWrote.await();
            Future<?> second = writers.submit(() -> db.transactions.executeWithoutResult(tx -> {
                secondStarted.countDown();
                outbox.publish(event(key, 2));
            }));
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
        } finally {
            writers.shutdownNow();
        }

        assertThat(receiveOurs(2, Duration.ofSeconds(30)))
                .extracting(this::sequenceOf)
                .containsExactly(1, 2);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OperationUpdated bloated(String key, int bytes) {
        Instant now = Instant.now();
        return new OperationUpdated(new Operation(
                key,
                "task",
                "test",
                now,
                now,
                "Running",
                103,
                Map.of(),
                Map.of("blob", "x".repeat(bytes)),
                false,
                "",
                ""));
    }

    private OutboxRelay startRelay(String name) {
        var settings = new OutboxRelay.Settings(
                500, Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMinutes(10), name);
        var producerConfig = OutboxRelay.producerConfig(TestInfrastructure.kafkaBootstrapServers(), name);
        producerConfig.putAll(TestInfrastructure.kafkaClientConfig());
        OutboxRelay relay =
                new OutboxRelay(db.connections(), () -> new KafkaProducer<>(producerConfig), settings).start();
        relays.add(relay);
        return relay;
    }

    private List<EventEnvelope> receiveOurs(int expected, Duration timeout) {
        try (TopicReader reader = new TopicReader(Topics.OPERATIONS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    all -> ours(all).stream().map(EventEnvelope::id).distinct().count() >= expected, timeout);
            return ours(records);
        }
    }

    private List<EventEnvelope> ours(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .filter(r -> r.key().startsWith(run))
                .map(r -> codec.readEnvelope(r.value()))
                .toList();
    }

    private String key(int writer, int slot) {
        return run + "-" + writer + "-" + slot;
    }

    private static OperationUpdated event(String key, int sequence) {
        Instant now = Instant.now();
        return new OperationUpdated(new Operation(
                key, "task", "test", now, now, "Running", 103, Map.of(), Map.of("seq", sequence), false, "", ""));
    }

    private int sequenceOf(EventEnvelope envelope) {
        return envelope.data().get("operation").get("metadata").get("seq").asInt();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
