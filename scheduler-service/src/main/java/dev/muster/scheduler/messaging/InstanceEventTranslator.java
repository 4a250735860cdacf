package dev.muster.scheduler.messaging;

import dev.muster.events.PublicEvent;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.DeleteInstance;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.StopInstance;
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
import dev.muster.scheduler.placement.PlacementTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private final ImageExports exports;

    public InstanceEventTranslator(ImageExports exports) {
        this.exports = exports;
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
                Map.of(),
                Map.of()));
        return events;
    }

    /** The member left is told to delete its copy, unless it is dead; the new one creates the instance. */
    private static List<PublicEvent> moved(InstanceEvent.Moved e) {
        List<PublicEvent> events = new ArrayList<>();
        if (e.reason().sourceAnswers()) {
            String why = e.reason() == Reason.RELOCATION ? MOVE : e.reason().label();
            events.add(new DeleteInstance(e.from(), commandId(), e.project(), e.name(), why, NOT_FORCED));
        }
        events.add(new InstancePlaced(e.name(), e.project(), e.to(), e.reason().label()));
        events.add(new CreateInstance(
                e.to(), commandId(), e.project(), e.name(), e.type(), e.start(), "", "", Map.of(), Map.of()));
        return events;
    }

    private static String commandId() {
        return UUID.randomUUID().toString();
    }
}
