package dev.muster.scheduler.evacuation;

import dev.muster.scheduler.instances.Instance;
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

/**
 * Moves instances off an evacuated or dead member, and back on restore, as LXD does (reference section 5): each
 * instance that moves is placed again with reason {@code evacuation} (the member excluded, a group-placed one kept in
 * its group), remembers its origin (the first one), is created on its new member and started there if it ran; the
 * others stop in place and are started again on restore. Framework-free, like the {@code InstanceDecider}: given the
 * instances concerned, it returns events and keeps the {@link ClusterView}'s counts.
 */
public final class EvacuationDecider {

    private static final String HEAL = "heal";
    private static final String SKIP = "skip";

    private final Placer placer;
    private final ClusterView view;

    public EvacuationDecider(Placer placer, ClusterView view) {
        this.placer = placer;
        this.view = view;
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

    /** A dead member: its instances move without asking it anything (it cannot answer). */
    public List<InstanceEvent> heal(String member, List<Instance> on) {
        List<InstanceEvent> events = new ArrayList<>();
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
                if (member.equals(instance.location())) {
                    continue;
                }
                view.instanceRemoved(instance.location());
                view.instanceAdded(member);
                events.add(new Moved(
                        instance.project(),
                        instance.name(),
                        instance.location(),
                        member,
                        Reason.RESTORE,
                        instance.type(),
                        instance.running()));
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
                    events.add(new Moved(
                            instance.project(),
                            instance.name(),
                            member,
                            placed.member(),
                            reason,
                            instance.type(),
                            instance.running()));
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
}
