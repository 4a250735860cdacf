package dev.muster.membership.application;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.eventing.store.ConcurrencyConflict;
import dev.muster.eventing.store.EventStore;
import dev.muster.eventing.store.RecordedEvent;
import dev.muster.membership.cluster.Cluster;
import dev.muster.membership.cluster.ClusterEvent;
import dev.muster.membership.cluster.ClusterRejection;
import dev.muster.membership.cluster.ClusterState;
import dev.muster.membership.messaging.MembershipEventTranslator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs commands against the cluster: load (catch up the cached state from the store) → decide (the aggregate)
 * → append (optimistic, on the one {@value #STREAM} stream) and publish the public events, in one transaction.
 * A concurrent writer makes the append fail; the command is then decided again on the newer state.
 */
@Service
public class ClusterService {

    public static final String STREAM = "cluster";
    private static final int ATTEMPTS = 5;

    /** What a command decided, and what it answers its caller. */
    public record Decision<R>(List<ClusterEvent> events, R result) {
        public static Decision<Void> of(List<ClusterEvent> events) {
            return new Decision<>(events, null);
        }
    }

    private record Snapshot(ClusterState state, long version) {}

    private final ReentrantLock writers = new ReentrantLock(true);
    private final EventStore store;
    private final Outbox outbox;
    private final MembershipEventTranslator translator;
    private final TransactionTemplate transactions;
    private volatile Snapshot cached = new Snapshot(ClusterState.initial(), 0);

    ClusterService(
            EventStore store, Outbox outbox, MembershipEventTranslator translator, TransactionTemplate transactions) {
        this.store = store;
        this.outbox = outbox;
        this.translator = translator;
        // Each attempt in a savepoint of its own when the caller already holds a transaction (a listener's inbox):
        // a failed append aborts what it is part of, and only a savepoint lets the caller's transaction go on.
        TransactionTemplate attempts = new TransactionTemplate(transactions.getTransactionManager(), transactions);
        attempts.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.transactions = attempts;
    }

    /** The cluster as of the last committed event. */
    public ClusterState current() {
        return catchUp().state();
    }

    /** Decides and records a command; the command may do more work in the same transaction (e.g. operations). */
    public <R> R execute(Function<Cluster, Decision<R>> command) {
        // Commands of this process take turns on the one stream (optimistic retries would mostly collide with each
        // other); conflicts then only come from another membership instance, and are retried after a short pause.
        writers.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return transactions.execute(tx -> decideAndAppend(command));
                } catch (ConcurrencyConflict conflict) {
                    if (attempt == ATTEMPTS) {
                        throw ClusterRejection.unavailable("Cluster database is busy, try again");
                    }
                    pause(attempt);
                }
            }
        } finally {
            writers.unlock();
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void executeEvents(Function<Cluster, List<ClusterEvent>> command) {
        execute(cluster -> Decision.of(command.apply(cluster)));
    }

    private <R> R decideAndAppend(Function<Cluster, Decision<R>> command) {
        Snapshot before = catchUp();
        Decision<R> decision = command.apply(new Cluster(before.state()));
        if (decision.events().isEmpty()) {
            return decision.result();
        }
        store.append(STREAM, before.version(), decision.events());
        ClusterState state = before.state();
        for (ClusterEvent event : decision.events()) {
            ClusterState next = state.evolve(event);
            outbox.publishAll(translator.translate(event, state, next));
            state = next;
        }
        return decision.result();
    }

    private synchronized Snapshot catchUp() {
        Snapshot snapshot = cached;
        List<RecordedEvent> newer = store.readAfter(STREAM, snapshot.version());
        if (newer.isEmpty()) {
            return snapshot;
        }
        ClusterState state = snapshot.state();
        for (RecordedEvent recorded : newer) {
            state = state.evolve((ClusterEvent) recorded.event());
        }
        Snapshot next = new Snapshot(state, newer.getLast().version());
        cached = next;
        return next;
    }
}
