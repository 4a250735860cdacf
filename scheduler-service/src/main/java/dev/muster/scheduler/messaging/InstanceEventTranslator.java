package dev.muster.scheduler.messaging;

import dev.muster.events.PublicEvent;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.DeleteInstance;
import dev.muster.events.agents.ExportInstance;
import dev.muster.events.agents.FreezeInstance;
import dev.muster.events.agents.ImportInstance;
import dev.muster.events.agents.RestartInstance;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.StopInstance;
import dev.muster.events.agents.UnfreezeInstance;
import dev.muster.events.instances.EvacuationFinished;
import dev.muster.events.instances.InstanceDeleted;
import dev.muster.events.instances.InstancePlaced;
import dev.muster.events.instances.InstanceStatusChanged;
import dev.muster.events.instances.MemberHealed;
import dev.muster.events.instances.PlacementRejected;
import dev.muster.events.instances.PlacementRequested;
import dev.muster.events.instances.RestoreFinished;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.InstanceEvent;
import dev.muster.scheduler.instances.Reason;
import dev.muster.scheduler.instances.StateChange;
import dev.muster.scheduler.placement.PlacementTarget;
import dev.muster.scheduler.transfers.TransferSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns the scheduler's domain events into public events ({@code muster.instances.v1}, placement requests) and the
 * commands members' agents carry out. The only place where the two meet: domain events can change freely, public ones
 * only additively. Each command gets a fresh id, which its answer's event id derives from.
 */
@Component
public class InstanceEventTranslator {

    /** What a client's delete tells the member: no reason. */
    private static final String CLIENT_DELETE = "";
    /** What a move tells the member it leaves. */
    private static final String MOVE = "move";

    private static final boolean NOT_FORCED = false;

    /** A stop without a timeout: as long as the instance takes to shut down, LXD's default. */
    private static final int AS_LONG_AS_IT_TAKES = -1;

    private static final boolean WHOLE_IMAGE = false;

    private static final boolean FORCED = true;

    private final ImageExports exports;
    private final TransferSettings transfers;

    public InstanceEventTranslator(ImageExports exports, TransferSettings transfers) {
        this.exports = exports;
        this.transfers = transfers;
    }

    public List<PublicEvent> translate(InstanceEvent event) {
        return switch (event) {
            case InstanceEvent.CreationAccepted e ->
                List.of(placementRequested(
                        e.instance(),
                        Reason.NEW,
                        e.target(),
                        e.instance().start(),
                        "",
                        e.instance().operationId()));
            case InstanceEvent.MoveRequested e ->
                List.of(placementRequested(
                        e.instance(),
                        Reason.RELOCATION,
                        e.target(),
                        e.instance().running(),
                        e.instance().location(),
                        e.operationId()));
            case InstanceEvent.Placed e -> placed(e);
            case InstanceEvent.Moved e -> moved(e);
            case InstanceEvent.MoveAdvanced e -> moveAdvanced(e);
            case InstanceEvent.MoveFinished e ->
                e.reason().sourceAnswers()
                        ? List.of(new DeleteInstance(
                                e.from(), commandId(), e.project(), e.name(), why(e.reason()), NOT_FORCED))
                        : List.of();
            case InstanceEvent.MoveFailed e -> moveFailed(e);
            case InstanceEvent.StateChangeAsked e -> List.of(stateCommand(e));
            case InstanceEvent.Confirmed e -> List.of();
            case InstanceEvent.WentMissing e ->
                List.of(new InstanceStatusChanged(e.name(), e.project(), e.member(), Instance.ERROR));
            case InstanceEvent.StrayInstanceReported e -> List.of(); // logged: no public event type for it yet
            case InstanceEvent.PlacementRejected e ->
                List.of(new PlacementRejected(e.name(), e.project(), e.reason().label(), e.message()));
            case InstanceEvent.Deleted e ->
                List.of(
                        new InstanceDeleted(e.name(), e.project(), e.location()),
                        new DeleteInstance(
                                e.location(), commandId(), e.project(), e.name(), CLIENT_DELETE, NOT_FORCED));
            case InstanceEvent.StatusChanged e ->
                List.of(new InstanceStatusChanged(e.name(), e.project(), e.location(), e.status()));
            case InstanceEvent.StoppedInPlace e ->
                e.reason().sourceAnswers()
                        ? List.of(new StopInstance(
                                e.member(), commandId(), e.project(), e.name(), NOT_FORCED, AS_LONG_AS_IT_TAKES))
                        : List.of();
            case InstanceEvent.StartAsked e ->
                List.of(new StartInstance(e.member(), commandId(), e.project(), e.name()));
            case InstanceEvent.OriginRemembered e -> List.of();
            case InstanceEvent.OriginForgotten e -> List.of();
            case InstanceEvent.OperationFinished e -> List.of(); // the operation publishes its own outcome
            case InstanceEvent.EvacuationFinished e ->
                List.of(new EvacuationFinished(e.member(), e.mode(), e.operationId(), e.moved(), e.stayed()));
            case InstanceEvent.MemberHealed e -> List.of(new MemberHealed(e.member(), e.moved(), e.stayed()));
            case InstanceEvent.RestoreFinished e ->
                List.of(new RestoreFinished(e.member(), e.operationId(), e.moved(), e.started()));
        };
    }

    private static PlacementRequested placementRequested(
            Instance instance,
            Reason reason,
            PlacementTarget target,
            boolean start,
            String currentLocation,
            String operationId) {
        String member = target instanceof PlacementTarget.Member m ? m.name() : "";
        String group = target instanceof PlacementTarget.Group g ? g.name() : "";
        return new PlacementRequested(
                instance.name(),
                instance.project(),
                reason.label(),
                instance.type(),
                member,
                group,
                instance.architecture(),
                start,
                currentLocation,
                instance.config(),
                instance.devices(),
                instance.profiles(),
                operationId);
    }

    /** The copy of the image goes first: the create (same member, so same partition, after it) then finds it in place. */
    private List<PublicEvent> placed(InstanceEvent.Placed e) {
        List<PublicEvent> events = new ArrayList<>();
        events.add(
                new InstancePlaced(e.name(), e.project(), e.member(), e.reason().label()));
        String source = e.image().isEmpty() ? "" : exports.urlOf(e.image());
        if (e.copyImage()) {
            events.add(new CopyImage(e.member(), commandId(), e.image(), source, WHOLE_IMAGE));
        }
        events.add(new CreateInstance(
                e.member(),
                commandId(),
                e.project(),
                e.name(),
                e.type(),
                e.start(),
                e.image(),
                source,
                e.config(),
                e.devices()));
        return events;
    }

    /**
     * The instance counts on its target from now on; the source stops it (it runs) or exports it. Off a dead member, a
     * {@code MoveAdvanced} to {@code RECREATING} follows.
     */
    private List<PublicEvent> moved(InstanceEvent.Moved e) {
        List<PublicEvent> events = new ArrayList<>();
        events.add(new InstancePlaced(e.name(), e.project(), e.to(), e.reason().label()));
        switch (e.stage()) {
            case STOPPING ->
                events.add(new StopInstance(
                        e.from(), commandId(), e.project(), e.name(), NOT_FORCED, AS_LONG_AS_IT_TAKES));
            case EXPORTING ->
                events.add(new ExportInstance(
                        e.from(), commandId(), e.project(), e.name(), transfers.urlOf(e.transfer())));
            case IMPORTING, RECREATING -> {}
        }
        return events;
    }

    /**
     * The next command of a move: the source exports, the target imports (started if the instance ran), or the target
     * creates it anew from its base image (which it fetches if it lacks it).
     */
    private List<PublicEvent> moveAdvanced(InstanceEvent.MoveAdvanced e) {
        Instance instance = e.instance();
        Instance.Move move = instance.move();
        String url = transfers.urlOf(move.transfer());
        return switch (e.stage()) {
            case STOPPING -> List.of();
            case EXPORTING ->
                List.of(new ExportInstance(move.from(), commandId(), instance.project(), instance.name(), url));
            case IMPORTING ->
                List.of(new ImportInstance(
                        instance.location(),
                        commandId(),
                        instance.project(),
                        instance.name(),
                        instance.type(),
                        instance.start(),
                        url,
                        instance.ownConfig()));
            case RECREATING -> {
                String image = instance.config().getOrDefault(Instance.BASE_IMAGE, "");
                yield List.of(new CreateInstance(
                        instance.location(),
                        commandId(),
                        instance.project(),
                        instance.name(),
                        instance.type(),
                        instance.start(),
                        image,
                        image.isEmpty() ? "" : exports.urlOf(image),
                        instance.ownConfig(),
                        instance.devices()));
            }
        };
    }

    /** The instance is on its source again; the target drops what it may hold of it. */
    private static List<PublicEvent> moveFailed(InstanceEvent.MoveFailed e) {
        List<PublicEvent> events = new ArrayList<>();
        events.add(
                new InstancePlaced(e.name(), e.project(), e.from(), e.reason().label()));
        if (e.discardTarget()) {
            events.add(new DeleteInstance(e.to(), commandId(), e.project(), e.name(), why(e.reason()), FORCED));
        }
        return events;
    }

    private static String why(Reason reason) {
        return reason == Reason.RELOCATION ? MOVE : reason.label();
    }

    private static PublicEvent stateCommand(InstanceEvent.StateChangeAsked e) {
        StateChange change = e.change();
        return switch (change.action()) {
            case START -> new StartInstance(e.member(), commandId(), e.project(), e.name());
            case STOP ->
                new StopInstance(
                        e.member(), commandId(), e.project(), e.name(), change.force(), change.timeoutSeconds());
            case RESTART ->
                new RestartInstance(
                        e.member(), commandId(), e.project(), e.name(), change.force(), change.timeoutSeconds());
            case FREEZE -> new FreezeInstance(e.member(), commandId(), e.project(), e.name());
            case UNFREEZE -> new UnfreezeInstance(e.member(), commandId(), e.project(), e.name());
        };
    }

    private static String commandId() {
        return UUID.randomUUID().toString();
    }
}
