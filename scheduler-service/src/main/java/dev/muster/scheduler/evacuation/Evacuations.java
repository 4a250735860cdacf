package dev.muster.scheduler.evacuation;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.PublicEvent;
import dev.muster.events.instances.EvacuationFinished;
import dev.muster.events.instances.InstancePlaced;
import dev.muster.events.instances.MemberHealed;
import dev.muster.events.instances.RestoreFinished;
import dev.muster.scheduler.instances.AgentCommands;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.InstanceRepository;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.Decision;
import dev.muster.scheduler.placement.PlacementRequest;
import dev.muster.scheduler.placement.PlacementTarget;
import dev.muster.scheduler.placement.Placer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Moves instances off an evacuated or dead member, and back on restore, as LXD does (reference section 5): each
 * instance that moves is placed again with reason {@code evacuation} (the member excluded, a group-placed one kept
 * in its group), remembers its origin in {@code volatile.evacuate.origin} (the first one), is created on its new
 * member and started there if it ran; the others stop in place and are started again on restore. Runs inside the
 * caller's transaction.
 */
@Service
public class Evacuations {

    static final String ORIGIN = "volatile.evacuate.origin";
    static final String LAST_POWER = "volatile.last_state.power";
    static final String GROUP = "volatile.cluster.group";
    private static final Logger log = LoggerFactory.getLogger(Evacuations.class);

    private final InstanceRepository instances;
    private final Placer placer;
    private final ClusterView view;
    private final Outbox outbox;

    public Evacuations(InstanceRepository instances, Placer placer, ClusterView view, Outbox outbox) {
        this.instances = instances;
        this.placer = placer;
        this.view = view;
        this.outbox = outbox;
    }

    /** What came of an evacuation. */
    public record Outcome(int moved, List<String> stayed) {}

    public void evacuate(String member, String mode, String operationId) {
        Outcome outcome = moveAllOff(member, mode, true);
        outbox.publish(new EvacuationFinished(member, mode == null ? "" : mode, operationId == null ? "" : operationId,
                outcome.moved(), outcome.stayed()));
    }

    /** A dead member: its instances move without asking it anything (it cannot answer). */
    public void heal(String member) {
        Outcome outcome = moveAllOff(member, "heal", false);
        outbox.publish(new MemberHealed(member, outcome.moved(), outcome.stayed()));
    }

    public void restore(String member, String mode, String operationId) {
        int moved = 0;
        int started = 0;
        if (!"skip".equals(mode)) {
            List<PublicEvent> published = new ArrayList<>();
            for (Instance instance : instances.on(member)) {
                if ("RUNNING".equals(instance.config().get(LAST_POWER))) {
                    instances.configIs(instance.project(), instance.name(), without(instance.config(), LAST_POWER));
                    published.add(AgentCommands.of(member, instance.project(), instance.name(), "instance-start", Map.of()));
                    started++;
                }
            }
            for (Instance instance : instances.withConfig(ORIGIN, member)) {
                if (member.equals(instance.location())) {
                    continue;
                }
                boolean running = "Running".equals(instance.status());
                instances.moved(instance.project(), instance.name(), member, running);
                instances.configIs(instance.project(), instance.name(), without(instance.config(), ORIGIN));
                view.instanceRemoved(instance.location());
                view.instanceAdded(member);
                published.add(AgentCommands.of(instance.location(), instance.project(), instance.name(), "instance-delete",
                        Map.of("reason", "restore")));
                published.add(new InstancePlaced(instance.name(), instance.project(), member, "restore"));
                published.add(AgentCommands.create(member, instance.project(), instance.name(), instance.type(), running));
                moved++;
            }
            outbox.publishAll(published);
        }
        outbox.publish(new RestoreFinished(member, operationId == null ? "" : operationId, moved, started));
    }

    private Outcome moveAllOff(String member, String mode, boolean memberAnswers) {
        List<PublicEvent> published = new ArrayList<>();
        List<String> stayed = new ArrayList<>();
        int moved = 0;
        String reason = "heal".equals(mode) ? "healing" : "evacuation";
        for (Instance instance : instances.on(member)) {
            boolean running = "Running".equals(instance.status());
            if (EvacuationPolicy.moves(mode, instance.config())) {
                String group = instance.config().getOrDefault(GROUP, "");
                PlacementTarget target = group.isEmpty() ? new PlacementTarget.Anywhere() : new PlacementTarget.Group(group);
                Decision decision = placer.place(new PlacementRequest(instance.name(), instance.architecture(), target, member,
                        "healing".equals(reason) ? "evacuation" : reason, new PlacementRequest.InstanceSpec(instance.project(),
                                instance.type(), instance.config(), instance.devices(), instance.profiles())));
                if (decision instanceof Decision.Placed placed) {
                    Map<String, String> config = new HashMap<>(instance.config());
                    config.putIfAbsent(ORIGIN, member);
                    instances.moved(instance.project(), instance.name(), placed.member(), running);
                    instances.configIs(instance.project(), instance.name(), config);
                    view.instanceRemoved(member);
                    if (memberAnswers) {
                        published.add(AgentCommands.of(member, instance.project(), instance.name(), "instance-delete",
                                Map.of("reason", reason)));
                    }
                    published.add(new InstancePlaced(instance.name(), instance.project(), placed.member(), reason));
                    published.add(AgentCommands.create(placed.member(), instance.project(), instance.name(), instance.type(), running));
                    moved++;
                    continue;
                }
                log.info("No migration target available for {} on {}: it stays stopped in place", instance.name(), member);
            }
            stayed.add(instance.name());
            if (running) {
                Map<String, String> config = new HashMap<>(instance.config());
                config.put(LAST_POWER, "RUNNING");
                instances.configIs(instance.project(), instance.name(), config);
                instances.statusIs(instance.project(), instance.name(), "Stopped");
                if (memberAnswers) {
                    published.add(AgentCommands.of(member, instance.project(), instance.name(), "instance-stop", Map.of()));
                }
            }
        }
        outbox.publishAll(published);
        return new Outcome(moved, stayed);
    }

    private static Map<String, String> without(Map<String, String> config, String key) {
        Map<String, String> copy = new HashMap<>(config);
        copy.remove(key);
        return copy;
    }
}
