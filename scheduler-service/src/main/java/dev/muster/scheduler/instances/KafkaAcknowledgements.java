package dev.muster.scheduler.instances;

import dev.muster.eventing.outbox.Acknowledgements;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Waits until the outbox relay has had an event acknowledged by Kafka ({@code acks=all}), so that an accepted
 * request is answered only once it is on the broker. The event is durable in PostgreSQL either way: should the wait
 * time out (a broker outage), the relay still delivers it later and nothing is lost.
 */
@Component
public class KafkaAcknowledgements {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Acknowledgements acknowledgements;

    public KafkaAcknowledgements(Acknowledgements acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    /** @return true once acknowledged, false if still unsent after the patience */
    public boolean await(String eventId) {
        return acknowledgements.awaitSent(eventId, PATIENCE);
    }
}
