package dev.muster.scheduler.instances;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Waits until the outbox relay has had an event acknowledged by Kafka ({@code acks=all}), so that an accepted
 * request is answered only once it is on the broker. The event is durable in PostgreSQL either way: should the wait
 * time out (a broker outage), the relay still delivers it later and nothing is lost.
 */
@Component
public class KafkaAcknowledgements {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;

    public KafkaAcknowledgements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true once acknowledged, false if still unsent after the patience */
    public boolean await(String eventId) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long pauseMicros = 200;
        UUID id = UUID.fromString(eventId);
        while (System.nanoTime() < deadline) {
            Boolean unsent = jdbc.query("SELECT sent_at IS NULL FROM outbox WHERE event_id = ?",
                    row -> row.next() ? row.getBoolean(1) : Boolean.FALSE, id);
            if (!Boolean.TRUE.equals(unsent)) {
                return true; // sent, or already purged after being sent
            }
            try {
                Thread.sleep(Duration.ofNanos(pauseMicros * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pauseMicros = Math.min(pauseMicros * 2, 5_000);
        }
        return false;
    }
}
