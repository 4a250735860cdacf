package dev.muster.scheduler.application;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.EventEnvelope;
import dev.muster.lxd.operations.Operations;
import dev.muster.scheduler.instances.InstanceEvent;
import dev.muster.scheduler.messaging.InstanceEventTranslator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Records what a decision caused, in the caller's transaction: each event applied to its instance's row, its public
 * events and agent commands written to the outbox, and the operations it finished completed or failed.
 */
@Component
class Recorder {

    private final Instances instances;
    private final Outbox outbox;
    private final InstanceEventTranslator translator;
    private final Operations operations;

    Recorder(Instances instances, Outbox outbox, InstanceEventTranslator translator, Operations operations) {
        this.instances = instances;
        this.outbox = outbox;
        this.translator = translator;
        this.operations = operations;
    }

    /** @return the envelopes of the public events and commands written, in order */
    List<EventEnvelope> record(List<InstanceEvent> events) {
        List<EventEnvelope> published = new ArrayList<>();
        for (InstanceEvent event : events) {
            if (event instanceof InstanceEvent.OfInstance change) {
                instances.apply(change);
            }
            if (event instanceof InstanceEvent.OperationFinished finished) {
                if (finished.success()) {
                    operations.succeed(finished.operationId(), Map.of());
                } else {
                    operations.fail(finished.operationId(), finished.error());
                }
            }
            published.addAll(outbox.publishAll(translator.translate(event)));
        }
        return published;
    }
}
