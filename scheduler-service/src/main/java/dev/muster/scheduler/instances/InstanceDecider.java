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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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
    private final Supplier<String> transferIds;

    /** @param transferIds new ids of transfers, one per move */
    public InstanceDecider(
            ClusterView view, Placer placer, ImagesView images, Clock clock, Supplier<String> transferIds) {
        this.view = view;
        this.placer = placer;
        this.images = images;
        this.clock = clock;
        this.transferIds = transferIds;
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
                null,
                "",
                null,
                false);
        return List.of(new CreationAccepted(instance, creation.target()));
    }

    /**
     * {@code POST /1.0/instances/{name}?target=…}: a placed instance moves to a member or into a group. A running
     * container cannot move {@code live} (no member runs CRIU): LXD's refusal.
     */
    public List<InstanceEvent> move(
            Optional<Instance> found, PlacementTarget target, boolean live, String operationId) {
        Instance instance = found.orElseThrow(InstanceRejection::instanceNotFound);
        if (instance.busy()) {
            throw InstanceRejection.busy(instance.name());
        }
        if (live && instance.active()) {
            throw InstanceRejection.invalid(
                    "Unable to perform live container migration. CRIU isn't installed. To migrate the container, stop"
                            + " the container before migration or install CRIU");
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
        if (instance.active()) {
            throw InstanceRejection.invalid("Instance is running");
        }
        if (!instance.placed() || instance.moving()) {
            throw InstanceRejection.busy(instance.name());
        }
        view.instanceRemoved(instance.location());
        return List.of(new Deleted(instance.project(), instance.name(), instance.location()));
    }

    /**
     * {@code PUT /1.0/instances/{name}/state}: the instance's member is asked to carry the action out, and the operation
     * waits for its answer. What LXD refuses once the operation runs (starting a running instance, stopping a stopped
     * one, freezing one that does not run…) fails the operation at once, with LXD's message, and asks nothing.
     */
    public List<InstanceEvent> changeState(Optional<Instance> found, StateChange change, String operationId) {
        Instance instance = found.orElseThrow(InstanceRejection::instanceNotFound);
        if (change.stateful()) {
            throw InstanceRejection.invalid("Stateful start and stop are not supported");
        }
        if (instance.busy()) {
            throw InstanceRejection.busy(instance.name());
        }
        String refusal = refusalOf(instance, change.action());
        if (refusal != null) {
            return List.of(new OperationFinished(instance.project(), instance.name(), operationId, refusal));
        }
        return List.of(new InstanceEvent.StateChangeAsked(
                instance.project(), instance.name(), instance.location(), change, operationId));
    }

    /** LXD's refusals of a state action, by the instance's status; null when the action may go ahead. */
    private static String refusalOf(Instance instance, StateAction action) {
        String kind = "container".equals(instance.type()) ? "container" : "instance";
        boolean frozen = Instance.FROZEN.equals(instance.status());
        return switch (action) {
            case START -> instance.active() ? "The instance is already running" : null;
            case STOP, RESTART -> Instance.STOPPED.equals(instance.status()) ? "The instance is already stopped" : null;
            case FREEZE -> {
                if (frozen) {
                    yield "The " + kind + " is already frozen";
                }
                yield instance.running() ? null : "The " + kind + " isn't running";
            }
            case UNFREEZE -> {
                if (instance.running()) {
                    yield "The " + kind + " is already running";
                }
                yield frozen ? null : "The " + kind + " isn't running";
            }
        };
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
                group,
                Instance.own(request.config()),
                request.devices())));
        if (!request.start() && image.isEmpty()) {
            events.add(OperationFinished.succeeded(request.project(), request.name(), request.operationId()));
        }
        return events;
    }

    /**
     * The instance counts on its target from now on; its operation completes once the target confirmed its copy. A
     * running instance is stopped first, so that what it exports is consistent.
     */
    private List<InstanceEvent> moved(Placement request, Instance instance, String member) {
        view.instanceRemoved(instance.location());
        return List.of(new Moved(
                request.project(),
                request.name(),
                instance.location(),
                member,
                Reason.RELOCATION,
                request.type(),
                instance.active(),
                firstStage(instance, Reason.RELOCATION),
                transferIds.get()));
    }

    /** Where a move of {@code instance} begins: a dead source cannot stop or export it, a running one stops first. */
    public static Instance.Move.Stage firstStage(Instance instance, Reason reason) {
        if (!reason.sourceAnswers()) {
            return Instance.Move.Stage.RECREATING;
        }
        return instance.active() ? Instance.Move.Stage.STOPPING : Instance.Move.Stage.EXPORTING;
    }

    /**
     * A member answered a command about the instance: its status follows (a failure is {@code Error}; what the member
     * cannot do changes nothing), and the operation waiting for the create or the state change completes or fails with
     * the member's message. An answer from a member the instance left, or about an instance deleted since, is old news.
     * A moving instance goes on with its move.
     */
    public List<InstanceEvent> answer(AgentAnswer answer, Optional<Instance> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        Instance instance = found.get();
        if (instance.moving()) {
            return moveAnswered(answer, instance);
        }
        if (!answer.member().equals(instance.location())) {
            return List.of();
        }
        if (answer.command() == AgentAnswer.Command.CREATE
                && answer.outcome() == AgentAnswer.Outcome.FAILED
                && !instance.held()) {
            return creationFailed(instance, answer);
        }
        String status = switch (answer.outcome()) {
            case UNSUPPORTED -> instance.status();
            case FAILED -> Instance.ERROR;
            case DONE -> statusAfter(answer.command(), instance);
        };
        List<InstanceEvent> events = new ArrayList<>();
        if (answer.command() == AgentAnswer.Command.CREATE && answer.done() && !instance.held()) {
            events.add(new InstanceEvent.Confirmed(instance.project(), instance.name(), instance.location()));
        }
        if (!status.equals(instance.status())) {
            events.add(new StatusChanged(instance.project(), instance.name(), instance.location(), status));
        }
        boolean awaited = switch (answer.command()) {
            case CREATE -> instance.start() || instance.fromImage();
            case START, STOP, RESTART, FREEZE, UNFREEZE -> true;
            case EXPORT, IMPORT, OTHER -> false;
        };
        if (instance.operationId() != null && awaited) {
            events.add(new OperationFinished(
                    instance.project(),
                    instance.name(),
                    instance.operationId(),
                    answer.done() ? "" : answer.message()));
        }
        return events;
    }

    /**
     * A member could not create an instance it never held: as LXD keeps nothing of an instance it failed to create,
     * the cluster forgets it, and the waiting operation fails naming the member, with the member's reason.
     */
    private static List<InstanceEvent> creationFailed(Instance instance, AgentAnswer answer) {
        List<InstanceEvent> events = new ArrayList<>();
        if (instance.operationId() != null) {
            events.add(new OperationFinished(
                    instance.project(),
                    instance.name(),
                    instance.operationId(),
                    "Failed creating instance on cluster member \"" + answer.member() + "\": " + answer.message()));
        }
        events.add(new Deleted(instance.project(), instance.name(), instance.location()));
        return events;
    }

    private static String statusAfter(AgentAnswer.Command command, Instance instance) {
        return switch (command) {
            case CREATE -> instance.start() ? Instance.RUNNING : Instance.STOPPED;
            case START, RESTART, UNFREEZE -> Instance.RUNNING;
            case STOP -> Instance.STOPPED;
            case FREEZE -> Instance.FROZEN;
            case EXPORT, IMPORT, OTHER -> instance.status();
        };
    }

    /**
     * The next step of a move, on the answer it waits for (others are old news): the source stopped the instance, so it
     * exports it; the source exported it, so the target imports it; the target holds it, so the move is over and the
     * source deletes its copy. A source or target that cannot export or import (its runtime says {@code unsupported})
     * makes the target create the instance anew, as Muster did before it could move data. Any failure leaves the
     * instance on its source, as it was.
     */
    private List<InstanceEvent> moveAnswered(AgentAnswer answer, Instance instance) {
        Instance.Move move = instance.move();
        String target = instance.location();
        AgentAnswer.Command awaited = switch (move.stage()) {
            case STOPPING -> AgentAnswer.Command.STOP;
            case EXPORTING -> AgentAnswer.Command.EXPORT;
            case IMPORTING -> AgentAnswer.Command.IMPORT;
            case RECREATING -> AgentAnswer.Command.CREATE;
        };
        String from = switch (move.stage()) {
            case STOPPING, EXPORTING -> move.from();
            case IMPORTING, RECREATING -> target;
        };
        if (answer.command() != awaited || !answer.member().equals(from)) {
            return List.of();
        }
        if (answer.done()) {
            return switch (move.stage()) {
                case STOPPING -> {
                    List<InstanceEvent> events = new ArrayList<>();
                    if (!Instance.STOPPED.equals(instance.status())) {
                        events.add(
                                new StatusChanged(instance.project(), instance.name(), move.from(), Instance.STOPPED));
                    }
                    events.add(new InstanceEvent.MoveAdvanced(instance, Instance.Move.Stage.EXPORTING));
                    yield events;
                }
                case EXPORTING -> List.of(new InstanceEvent.MoveAdvanced(instance, Instance.Move.Stage.IMPORTING));
                case IMPORTING, RECREATING ->
                    finished(instance, instance.start() ? Instance.RUNNING : Instance.STOPPED, "");
            };
        }
        boolean fallBack = answer.unsupported()
                && (move.stage() == Instance.Move.Stage.EXPORTING || move.stage() == Instance.Move.Stage.IMPORTING);
        if (fallBack) {
            return List.of(new InstanceEvent.MoveAdvanced(instance, Instance.Move.Stage.RECREATING));
        }
        if (!move.reason().sourceAnswers()) {
            // healing: the source is dead, there is nothing to go back to
            return finished(instance, Instance.ERROR, answer.message());
        }
        return backToSource(instance, answer.message(), move.stage() != Instance.Move.Stage.STOPPING, false, view);
    }

    private static List<InstanceEvent> finished(Instance instance, String status, String error) {
        List<InstanceEvent> events = new ArrayList<>();
        if (!status.equals(instance.status())) {
            events.add(new StatusChanged(instance.project(), instance.name(), instance.location(), status));
        }
        Instance.Move move = instance.move();
        events.add(new InstanceEvent.MoveFinished(
                instance.project(), instance.name(), move.from(), move.reason(), move.transfer()));
        if (instance.operationId() != null) {
            events.add(new OperationFinished(instance.project(), instance.name(), instance.operationId(), error));
        }
        return events;
    }

    /**
     * The move of {@code instance} ends where it began: the instance is on its source again, intact (its copy is only
     * deleted once a target confirmed one), started again if it ran and was stopped ({@code stopped}) for the move, and
     * counted there again. {@code discardTarget} asks the target to delete what it may hold of it.
     */
    public static List<InstanceEvent> backToSource(
            Instance instance, String message, boolean stopped, boolean discardTarget, ClusterView view) {
        Instance.Move move = instance.move();
        view.instanceRemoved(instance.location());
        view.instanceAdded(move.from());
        List<InstanceEvent> events = new ArrayList<>();
        events.add(new InstanceEvent.MoveFailed(
                instance.project(),
                instance.name(),
                move.from(),
                instance.location(),
                move.reason(),
                move.transfer(),
                message,
                discardTarget));
        if (instance.start() && stopped) {
            events.add(new InstanceEvent.StartAsked(instance.project(), instance.name(), move.from()));
        }
        if (instance.operationId() != null) {
            events.add(new OperationFinished(instance.project(), instance.name(), instance.operationId(), message));
        }
        return events;
    }

    /**
     * A member's inventory, compared with the instances placed on it ({@code placedThere}): one it does not hold is
     * {@code Error}, remembered with why; one it holds takes the status it reports (so an instance reported again
     * recovers). An instance with an operation or a move under way, or whose member has not confirmed its creation yet,
     * is left alone (its member may not hold it yet, or no longer: a member answers commands and reports inventories
     * in order, so an inventory read after the answer to the create includes the instance). What the member holds that the cluster does not place there ({@code known} finds an instance wherever it
     * is) is reported, never deleted; the copy a move's source keeps until the target confirmed is no stray.
     */
    public List<InstanceEvent> reconcile(
            String member,
            List<ReportedInstance> reported,
            List<Instance> placedThere,
            Function<ReportedInstance, Optional<Instance>> known) {
        List<InstanceEvent> events = new ArrayList<>();
        Set<String> placedNames =
                placedThere.stream().map(i -> key(i.project(), i.name())).collect(Collectors.toSet());
        Map<String, ReportedInstance> held = new HashMap<>();
        reported.forEach(r -> held.put(key(r.project(), r.name()), r));
        for (Instance instance : placedThere) {
            if (instance.busy() || !instance.held() || !member.equals(instance.location())) {
                continue;
            }
            ReportedInstance report = held.get(key(instance.project(), instance.name()));
            if (report == null) {
                String message = "Instance is missing on member " + member;
                if (!Instance.ERROR.equals(instance.status()) || !message.equals(instance.statusMessage())) {
                    events.add(new InstanceEvent.WentMissing(instance.project(), instance.name(), member, message));
                }
                continue;
            }
            String status = knownStatus(report.status());
            if (status != null
                    && (!status.equals(instance.status())
                            || !instance.statusMessage().isEmpty())) {
                events.add(new StatusChanged(instance.project(), instance.name(), member, status));
            }
        }
        for (ReportedInstance report : reported) {
            if (placedNames.contains(key(report.project(), report.name()))) {
                continue;
            }
            Optional<Instance> elsewhere = known.apply(report);
            boolean moveSource = elsewhere
                    .map(i -> i.moving() && member.equals(i.move().from()))
                    .orElse(false);
            if (!moveSource) {
                events.add(new InstanceEvent.StrayInstanceReported(
                        member,
                        report.project(),
                        report.name(),
                        report.status(),
                        elsewhere.map(Instance::location).orElse("")));
            }
        }
        return events;
    }

    /** LXD's status texts the scheduler keeps; null for a passing one ({@code Starting}, {@code Stopping}…). */
    private static String knownStatus(String status) {
        return switch (status) {
            case Instance.RUNNING, Instance.STOPPED, Instance.FROZEN, Instance.ERROR -> status;
            default -> null;
        };
    }

    private static String key(String project, String name) {
        return project + "/" + name;
    }
}
