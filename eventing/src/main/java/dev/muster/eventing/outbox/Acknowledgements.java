package dev.muster.eventing.outbox;

import dev.muster.eventing.postgres.ConnectionFactory;
import dev.muster.eventing.postgres.NotificationListener;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lets a thread wait until the {@link OutboxRelay} has had an event acknowledged by Kafka, without polling: the
 * relay of this process reports what it marked sent directly; a relay in another process of the service (only one
 * holds the lock) announces it with {@code NOTIFY muster_outbox_sent}, on which the waiting events are looked up
 * once. The event is durable in PostgreSQL whatever the wait returns: should it time out (a broker outage), the
 * relay still delivers it later.
 */
public final class Acknowledgements implements AutoCloseable {

    /** The channel a relay notifies once it has marked rows sent. */
    static final String CHANNEL = "muster_outbox_sent";

    private record Waiter(UUID eventId, CompletableFuture<Boolean> sent) {}

    private final JdbcTemplate jdbc;
    private final ConnectionFactory connections;
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    private NotificationListener listener;
    private boolean closed;

    public Acknowledgements(JdbcTemplate jdbc, ConnectionFactory connections) {
        this.jdbc = jdbc;
        this.connections = connections;
    }

    /**
     * Waits until the event, written to the outbox by a committed transaction, has been acknowledged by Kafka.
     *
     * @return true once acknowledged (or already sent and purged), false if still unsent after {@code timeout}
     */
    public boolean awaitSent(String eventId, Duration timeout) {
        listen();
        Waiter waiter = new Waiter(UUID.fromString(eventId), new CompletableFuture<>());
        waiting.add(waiter); // before the look-up: a notification from now on finds it, one before is seen by it
        try {
            if (!unsent(Set.of(waiter.eventId())).contains(waiter.eventId())) {
                return true;
            }
            return waiter.sent().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.remove(waiter);
        }
    }

    /** The relay of this process had these events acknowledged and marked them sent. */
    void sent(Collection<String> eventIds) {
        if (waiting.isEmpty()) {
            return;
        }
        Set<UUID> ids = new HashSet<>();
        eventIds.forEach(id -> ids.add(UUID.fromString(id)));
        waiting.stream()
                .filter(waiter -> ids.contains(waiter.eventId()))
                .forEach(waiter -> waiter.sent().complete(true));
    }

    /** Some relay marked rows sent (or the notifications were interrupted): looks the waiting events up once. */
    private void recheck() {
        if (waiting.isEmpty()) {
            return;
        }
        Set<UUID> ids = new HashSet<>();
        waiting.forEach(waiter -> ids.add(waiter.eventId()));
        Set<UUID> unsent = unsent(ids);
        waiting.stream()
                .filter(waiter -> !unsent.contains(waiter.eventId()))
                .forEach(waiter -> waiter.sent().complete(true));
    }

    /** Which of these events are in the outbox and not sent yet; an event no longer there was sent and purged. */
    private Set<UUID> unsent(Set<UUID> eventIds) {
        return Set.copyOf(jdbc.query(
                "SELECT event_id FROM outbox WHERE event_id = ANY(?) AND sent_at IS NULL",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("uuid", eventIds.toArray())),
                (row, rowNum) -> row.getObject(1, UUID.class)));
    }

    /** Starts listening on first use, so that a service that never waits holds no connection for it. */
    private synchronized void listen() {
        if (listener == null && !closed) {
            listener = new NotificationListener(connections, CHANNEL, payload -> recheck(), this::recheck).start();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }
}
