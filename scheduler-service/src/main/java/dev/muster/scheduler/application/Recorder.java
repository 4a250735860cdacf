package dev.muster.scheduler.application;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.EventEnvelope;
import dev.muster.lxd.operations.Operations;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.InstanceEvent;
import dev.muster.scheduler.messaging.InstanceEventTranslator;
import dev.muster.scheduler.transfers.TransferStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records what a decision caused, in the caller's transaction: each event applied to its instance's row, its public
 * events and agent commands written to the outbox, and the operations it finished completed or failed. The transfer of
 * a move that is over is deleted once the transaction committed.
 */
@Component
class Recorder {

    private static final Logger log = LoggerFactory.getLogger(Recorder.class);

    private final Instances instances;
    private final Outbox outbox;
    private final InstanceEventTranslator translator;
    private final Operations operations;
    private final TransferStore transfers;

    Recorder(
            Instances instances,
            Outbox outbox,
            InstanceEventTranslator translator,
            Operations operations,
            TransferStore transfers) {
        this.instances = instances;
        this.outbox = outbox;
        this.translator = translator;
        this.operations = operations;
        this.transfers = transfers;
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
            switch (event) {
                case InstanceEvent.MoveFinished e -> afterCommit(() -> transfers.discard(e.transfer()));
                case InstanceEvent.MoveFailed e -> {
                    log.info("Move of {} to {} failed, it stays on {}: {}", e.name(), e.to(), e.from(), e.message());
                    afterCommit(() -> transfers.discard(e.transfer()));
                }
                case InstanceEvent.MoveAdvanced e
                when e.stage() == Instance.Move.Stage.RECREATING
                        && e.instance().move().reason().sourceAnswers() ->
                    log.info(
                            "Move of {}: a member cannot export or import it, so {} creates it anew (its data is not"
                                    + " carried over)",
                            e.name(),
                            e.instance().location());
                case InstanceEvent.StrayInstanceReported e ->
                    log.warn(
                            "Member {} holds instance {} (project {}, {}) which the cluster {}; left as it is",
                            e.member(),
                            e.name(),
                            e.project(),
                            e.status(),
                            e.knownOn().isEmpty() ? "does not know" : "places on " + e.knownOn());
                case InstanceEvent.WentMissing e -> log.warn("{}: {}", e.name(), e.message());
                default -> {}
            }
            published.addAll(outbox.publishAll(translator.translate(event)));
        }
        return published;
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
