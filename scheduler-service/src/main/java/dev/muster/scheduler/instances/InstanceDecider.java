package dev.muster.scheduler.instances;

import dev.muster.scheduler.images.ImagesView;
import dev.muster.scheduler.instances.InstanceEvent.CreationAccepted;
import dev.muster.scheduler.instances.InstanceEvent.Deleted;
import dev.muster.scheduler.instances.InstanceEvent.MoveRequested;
import dev.muster.scheduler.instances.InstanceEvent.Moved;
import dev.muster.scheduler.instances.InstanceEvent.OperationFinished;
import dev.muster.scheduler.instances.InstanceEvent.Placed;
import dev.muster.scheduler.instances.InstanceEvent.PlacementRejected;
import dev.muster.scheduler.instances.InstanceEvent.StatusChanged;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.Decision;
import dev.muster.scheduler.placement.MemberFacts;
import dev.muster.scheduler.placement.PlacementRequest;
import dev.muster.scheduler.placement.PlacementTarget;
import dev.muster.scheduler.placement.Placer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scheduler's rules for one instance: whether a creation, a move or a delete is allowed, where a placement request
 * puts the instance, and what a member's answer changes. Free of framework code: give it the instance as it is (and the
 * in-memory {@link ClusterView} it was built with), get events or an {@link InstanceRejection}. Placing counts the
 * instance on its new member in the view at once, and a move or a delete uncounts it on its old one, so that the next
 * decision sees them.
 */
public final class InstanceDecider {

    private final ClusterView view;
    private final Placer placer;
    private final ImagesView images;
    private final Clock clock;

    public InstanceDecider(ClusterView view, Placer placer, ImagesView images, Clock clock) {
        this.view = view;
        this.placer = placer;
        this.images = images;
        this.clock = clock;
    }

    /** {@code POST /1.0/instances}, its image resolved: accepted until the decision loop places it. */
    public List<InstanceEvent> create(Creation creation, Optional<Instance> existing, String operationId) {
        checkTarget(creation.target());
        if (existing.isPresent()) {
            throw InstanceRejection.conflict("Instance \"%s\" already exists", creation.name());
        }
        Instance instance = new Instance(
                creation.project(),
                creation.name(),
                creation.type(),
                creation.architecture(),
                creation.description(),
                creation.config(),
                creation.devices(),
                creation.profiles(),
                null,
                Instance.STOPPED,
                creation.start(),
                operationId,
                null);
        return List.of(new CreationAccepted(instance, creation.target()));
    }

    /** {@code POST /1.0/instances/{name}?target=…}: a placed instance moves to a member or into a group. */
    public List<InstanceEvent> move(Optional<Instance> found, PlacementTarget target, String operationId) {
        Instance instance = found.orElseThrow(InstanceRejection::instanceNotFound);
        if (instance.busy()) {
            throw InstanceRejection.busy(instance.name());
        }
        checkTarget(target);
        if (target instanceof PlacementTarget.Member member) {
            if (!view.member(member.name()).map(MemberFacts::online).orElse(false)) {
                throw InstanceRejection.invalid("Target cluster member is offline");
            }
            if (member.name().equals(instance.location())) {
                throw InstanceRejection.invalid("Target must be different than instance's current location");
            }
        }
        return List.of(new MoveRequested(instance, target, operationId));
    }

    /** {@code DELETE /1.0/instances/{name}}: a stopped, placed instance only, as LXD. */
    public List<InstanceEvent> delete(Optional<Instance> found) {
        Instance instance = found.orElseThrow(InstanceRejection::instanceNotFound);
        if (instance.running()) {
            throw InstanceRejection.invalid("Instance is running");
        }
        if (!instance.placed()) {
            throw InstanceRejection.busy(instance.name());
        }
        view.instanceRemoved(instance.location());
        return List.of(new Deleted(instance.project(), instance.name(), instance.location()));
    }

    /**
     * Refuses a target the view knows to be wrong: an unknown or evacuated member, an unknown group. Callers give the
     * view a moment to learn of a member or group created just before ({@link ViewArrivals}).
     */
    public void checkTarget(PlacementTarget target) {
        switch (target) {
            case PlacementTarget.Member member -> {
                MemberFacts facts = view.member(member.name())
                        .orElseThrow(
                                () -> InstanceRejection.notFound("Cluster member \"%s\" not found", member.name()));
                if (facts.evacuated()) {
                    throw InstanceRejection.forbidden("Cluster member is evacuated");
                }
            }
            case PlacementTarget.Group group -> {
                if (!view.hasGroup(group.name())) {
                    throw InstanceRejection.invalid("Cluster group \"%s\" does not exist", group.name());
                }
            }
            case PlacementTarget.Anywhere anywhere -> {}
        }
    }

    /**
     * The decision loop's one decision about a request. A request the instance no longer waits for (decided already,
     * deleted, or superseded by a newer operation) decides nothing, so a request delivered twice is decided once.
     */
    public List<InstanceEvent> place(Placement request, Optional<Instance> found) {
        if (found.isEmpty() || !request.operationId().equals(found.get().operationId())) {
            return List.of();
        }
        Instance instance = found.get();
        if (!request.move() && instance.placed()) {
            return List.of();
        }
        Decision decision = placer.place(new PlacementRequest(
                request.name(),
                request.architecture(),
                request.target(),
                request.move() ? request.currentLocation() : "",
                request.reason().label(),
                new PlacementRequest.InstanceSpec(
                        request.project(), request.type(), request.config(), request.devices(), request.profiles())));
        return switch (decision) {
            case Decision.Placed placed ->
                request.move() ? moved(request, instance, placed.member()) : placed(request, placed.member());
            case Decision.Rejected rejected ->
                List.of(
                        new OperationFinished(
                                request.project(), request.name(), request.operationId(), rejected.message()),
                        new PlacementRejected(request.project(), request.name(), request.reason(), rejected.message()));
        };
    }

    /**
     * As in LXD, a member that lacks the image fetches it: asked first (once per member for a burst of creations), its
     * copy counts as a holder of the image. The operation completes with the decision, or, when the instance is to be
     * started or its image fetched, once its member says how that went.
     */
    private List<InstanceEvent> placed(Placement request, String member) {
        String image = request.config().getOrDefault(Instance.BASE_IMAGE, "");
        boolean copy = !image.isEmpty() && images.askCopy(image, member, clock.instant());
        String group = request.target() instanceof PlacementTarget.Group g ? g.name() : "";
        List<InstanceEvent> events = new ArrayList<>(List.of(new Placed(
                request.project(),
                request.name(),
                member,
                request.reason(),
                request.type(),
                request.start(),
                image,
                copy,
                group)));
        if (!request.start() && image.isEmpty()) {
            events.add(OperationFinished.succeeded(request.project(), request.name(), request.operationId()));
        }
        return events;
    }

    private List<InstanceEvent> moved(Placement request, Instance instance, String member) {
        view.instanceRemoved(instance.location());
        List<InstanceEvent> events = new ArrayList<>(List.of(new Moved(
                request.project(),
                request.name(),
                instance.location(),
                member,
                Reason.RELOCATION,
                request.type(),
                request.start())));
        if (!request.start()) {
            events.add(OperationFinished.succeeded(request.project(), request.name(), request.operationId()));
        }
        return events;
    }

    /**
     * A member answered a command about the instance: its status follows (a failure is {@code Error}), and the operation
     * waiting for the create completes or fails with the member's message. An answer from a member the instance left, or
     * about an instance deleted since, is old news.
     */
    public List<InstanceEvent> answer(AgentAnswer answer, Optional<Instance> found) {
        if (found.isEmpty() || !answer.member().equals(found.get().location())) {
            return List.of();
        }
        Instance instance = found.get();
        String status = !answer.done()
                ? Instance.ERROR
                : switch (answer.command()) {
                    case CREATE -> instance.start() ? Instance.RUNNING : Instance.STOPPED;
                    case START -> Instance.RUNNING;
                    case STOP -> Instance.STOPPED;
                    case OTHER -> instance.status();
                };
        List<InstanceEvent> events = new ArrayList<>();
        if (!status.equals(instance.status())) {
            events.add(new StatusChanged(instance.project(), instance.name(), instance.location(), status));
        }
        boolean awaited = instance.start() || instance.fromImage();
        if (instance.operationId() != null && answer.command() == AgentAnswer.Command.CREATE && awaited) {
            events.add(new OperationFinished(
                    instance.project(),
                    instance.name(),
                    instance.operationId(),
                    answer.done() ? "" : answer.message()));
        }
        return events;
    }
}
