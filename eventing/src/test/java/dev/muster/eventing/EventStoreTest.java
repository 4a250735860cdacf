package dev.muster.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.eventing.store.ConcurrencyConflict;
import dev.muster.eventing.store.DomainEventTypes;
import dev.muster.eventing.store.EventStore;
import dev.muster.eventing.store.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventStoreTest {

    record Opened(String owner) {}

    record Deposited(long amount) {}

    static final EventingDatabase db = new EventingDatabase();
    final EventStore store = new EventStore(
            db.jdbc,
            new DomainEventTypes()
                    .register(Opened.class, "test.account.opened")
                    .register(Deposited.class, "test.account.deposited", 2),
            JsonMapper.builder().build());

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void appendedEventsAreReadBackInStreamOrder() {
        long version = store.append("account-1", 0, List.of(new Opened("ada"), new Deposited(5)));
        store.append("account-1", version, List.of(new Deposited(7)));

        List<RecordedEvent> events = store.read("account-1");

        assertThat(events)
                .extracting(RecordedEvent::event)
                .containsExactly(new Opened("ada"), new Deposited(5), new Deposited(7));
        assertThat(events).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(store.currentVersion("account-1")).isEqualTo(3);
    }

    @Test
    void typeNamesAndVersionsAreStoredAsRegisteredNotAsClassNames() {
        store.append("account-2", 0, List.of(new Opened("bob"), new Deposited(1)));

        assertThat(db.jdbc.queryForList(
                        "SELECT type || '/' || type_version FROM events WHERE stream_id = 'account-2' ORDER BY version",
                        String.class))
                .containsExactly("test.account.opened/1", "test.account.deposited/2");
    }

    @Test
    void appendingAtAStaleVersionIsAConflict() {
        store.append("account-3", 0, List.of(new Opened("cy")));

        assertThatThrownBy(() -> store.append("account-3", 0, List.of(new Opened("cy again"))))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThatThrownBy(() -> store.append("account-3", 5, List.of(new Deposited(1))))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThat(store.read("account-3")).hasSize(1);
    }

    @Test
    void twoWritersRacingOnOneStreamExactlyOneWinsAndTheOtherGetsAConflict() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String stream = "race-" + round;
                CyclicBarrier bothHaveRead = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (String writer : List.of("left", "right")) {
                    outcomes.add(writers.submit(() -> db.transactions.execute(tx -> {
                        long version = store.currentVersion(stream);
                        await(bothHaveRead);
                        try {
                            store.append(stream, version, List.of(new Opened(writer)));
                            return writer;
                        } catch (ConcurrencyConflict conflict) {
                            tx.setRollbackOnly();
                            return "conflict";
                        }
                    })));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get());
                }

                assertThat(results).containsOnlyOnce("conflict");
                String winner = results.stream()
                        .filter(r -> !r.equals("conflict"))
                        .findFirst()
                        .orElseThrow();
                assertThat(store.read(stream)).extracting(RecordedEvent::event).containsExactly(new Opened(winner));
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
