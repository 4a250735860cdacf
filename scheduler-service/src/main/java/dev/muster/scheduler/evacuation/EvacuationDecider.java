package dev.muster.scheduler.evacuation;

import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.InstanceDecider;
import dev.muster.scheduler.instances.InstanceEvent;
import dev.muster.scheduler.instances.InstanceEvent.EvacuationFinished;
import dev.muster.scheduler.instances.InstanceEvent.MemberHealed;
import dev.muster.scheduler.instances.InstanceEvent.Moved;
import dev.muster.scheduler.instances.InstanceEvent.OriginForgotten;
import dev.muster.scheduler.instances.InstanceEvent.OriginRemembered;
import dev.muster.scheduler.instances.InstanceEvent.RestoreFinished;
import dev.muster.scheduler.instances.InstanceEvent.StartAsked;
import dev.muster.scheduler.instances.InstanceEvent.StoppedInPlace;
import dev.muster.scheduler.instances.Reason;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.Decision;
import dev.muster.scheduler.placement.PlacementRequest;
import dev.muster.scheduler.placement.PlacementTarget;
import dev.muster.scheduler.placement.Placer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Moves instances off an evacuated or dead member, and back on restore, as LXD does (reference section 5): each
 * instance that moves is placed again with reason {@code evacuation} (the member excluded, a group-placed one kept in
 * its group), remembers its origin (the first one), is created on its new member and started there if it ran; the
 * others stop in place and are started again on restore. A move carries the instance's data (stop, export, import, then
 * delete the source's copy), except off a dead member, whose instances are created anew from their image. An instance
 * still moving onto the member goes back to its source, which still holds it. Framework-free, like the {@code InstanceDecider}: given the
 * instances concerned, it returns events and keeps the {@link ClusterView}'s counts.
 */
public final class EvacuationDecider {

    private static final String HEAL = "heal";
    private static final String SKIP = "skip";

    private final Placer placer;
    private final ClusterView view;
    private final Supplier<String> transferIds;

    /** @param transferIds new ids of transfers, one per move */
    public EvacuationDecider(Placer placer, ClusterView view, Supplier<String> transferIds) {
        this.placer = placer;
        this.view = view;
        this.transferIds = transferIds;
    }

    /** Membership evacuated {@code member}; {@code on} are its instances. */
    public List<InstanceEvent> evacuate(String member, String mode, String operationId, List<Instance> on) {
        List<InstanceEvent> events = new ArrayList<>();
        List<String> stayed = moveAllOff(member, mode, Reason.EVACUATION, on, events);
        events.add(new EvacuationFinished(
                member,
                mode == null ? "" : mode,
                operationId == null ? "" : operationId,
                on.size() - stayed.size(),
                stayed));
        return events;
    }

    /**
     * A dead member: its instances move without asking it anything (it cannot answer). Those moving off it
     * ({@code movingOff}) that it had not exported yet are created anew on their targets.
     */
    public List<InstanceEvent> heal(String member, List<Instance> on, List<Instance> movingOff) {
        List<InstanceEvent> events = new ArrayList<>();
        for (Instance instance : movingOff) {
            Instance.Move.Stage stage = instance.move().stage();
            if (member.equals(instance.move().from())
                    && (stage == Instance.Move.Stage.STOPPING || stage == Instance.Move.Stage.EXPORTING)) {
                events.add(new InstanceEvent.MoveAdvanced(instance, Instance.Move.Stage.RECREATING));
            }
        }
        List<String> stayed = moveAllOff(member, HEAL, Reason.HEALING, on, events);
        events.add(new MemberHealed(member, on.size() - stayed.size(), stayed));
        return events;
    }

    /**
     * Membership restored {@code member}: those of its instances it kept stopped start again, and those evacuated from
     * it ({@code evacuated}, wherever they are now) come back, unless the mode is {@code skip}.
     */
    public List<InstanceEvent> restore(
            String member, String mode, String operationId, List<Instance> on, List<Instance> evacuated) {
        List<InstanceEvent> events = new ArrayList<>();
        int started = 0;
        int moved = 0;
        if (!SKIP.equals(mode)) {
            for (Instance instance : on) {
                if (Instance.POWERED.equals(instance.config().get(Instance.LAST_POWER))) {
                    events.add(new StartAsked(instance.project(), instance.name(), member));
                    started++;
                }
            }
            for (Instance instance : evacuated) {
                if (instance.moving()) {
                    if (member.equals(instance.move().from())) {
                        // still on its way off the member, which still holds it: it simply stays
                        events.addAll(InstanceDecider.backToSource(
                                instance, "Cluster member " + member + " was restored", true, true, view));
                        events.add(new OriginForgotten(instance.project(), instance.name()));
                        moved++;
                    }
                    continue;
                }
                if (member.equals(instance.location())) {
                    continue;
                }
                view.instanceRemoved(instance.location());
                view.instanceAdded(member);
                events.addAll(moveEvents(instance, instance.location(), member, Reason.RESTORE));
                events.add(new OriginForgotten(instance.project(), instance.name()));
                moved++;
            }
        }
        events.add(new RestoreFinished(member, operationId == null ? "" : operationId, moved, started));
        return events;
    }

    /** @return the names of the instances that stayed */
    private List<String> moveAllOff(
            String member, String mode, Reason reason, List<Instance> on, List<InstanceEvent> events) {
        List<String> stayed = new ArrayList<>();
        for (Instance instance : on) {
            if (instance.moving()) {
                // on its way onto the member: back to its source, which still holds it
                events.addAll(InstanceDecider.backToSource(
                        instance, "Target cluster member " + member + " was evacuated", true, true, view));
                continue;
            }
            if (EvacuationPolicy.moves(mode, instance.config())) {
                String group = instance.config().getOrDefault(Instance.GROUP, "");
                PlacementTarget target =
                        group.isEmpty() ? new PlacementTarget.Anywhere() : new PlacementTarget.Group(group);
                Decision decision = placer.place(new PlacementRequest(
                        instance.name(),
                        instance.architecture(),
                        target,
                        member,
                        Reason.EVACUATION.label(),
                        new PlacementRequest.InstanceSpec(
                                instance.project(),
                                instance.type(),
                                instance.config(),
                                instance.devices(),
                                instance.profiles())));
                if (decision instanceof Decision.Placed placed) {
                    view.instanceRemoved(member);
                    if (!instance.config().containsKey(Instance.ORIGIN)) {
                        events.add(new OriginRemembered(instance.project(), instance.name(), member));
                    }
                    events.addAll(moveEvents(instance, member, placed.member(), reason));
                    continue;
                }
            }
            stayed.add(instance.name());
            if (instance.running()) {
                events.add(new StoppedInPlace(instance.project(), instance.name(), member, reason));
            }
        }
        return stayed;
    }

    /** The instance leaves {@code from} for {@code to}; off a dead member, it is created anew there at once. */
    private List<InstanceEvent> moveEvents(Instance instance, String from, String to, Reason reason) {
        Moved moved = new Moved(
                instance.project(),
                instance.name(),
                from,
                to,
                reason,
                instance.type(),
                instance.active(),
                InstanceDecider.firstStage(instance, reason),
                transferIds.get());
        if (reason.sourceAnswers()) {
            return List.of(moved);
        }
        return List.of(
                moved,
                new InstanceEvent.MoveAdvanced(Instance.evolve(instance, moved), Instance.Move.Stage.RECREATING));
    }
}
