package dev.muster.scheduler.instances;

import dev.muster.scheduler.evacuation.EvacuationDecider;
import dev.muster.scheduler.images.ImagesView;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.PlacementTarget;
import dev.muster.scheduler.placement.Placer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A cluster and its instances for the scheduler's rules, given / when / then: members online, offline or evacuated,
 * groups, images, instances on members. Events are applied with {@link Instance#evolve}, as the service applies them to
 * its table; the view counts what the deciders count.
 */
public final class Given {

    public static final String PROJECT = "default";
    public static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final long SEED = 42;

    public final ClusterView view = new ClusterView();
    public final ImagesView images = new ImagesView();
    private final Placer placer = new Placer(view, new SplittableRandom(SEED));
    private int transfers;
    private final InstanceDecider instances =
            new InstanceDecider(view, placer, images, Clock.fixed(NOW, ZoneOffset.UTC), this::nextTransfer);
    private final EvacuationDecider evacuations = new EvacuationDecider(placer, view, this::nextTransfer);
    private final Map<String, Instance> state = new LinkedHashMap<>();
    private int operations;

    public Given members(String... names) {
        for (String name : names) {
            view.memberJoined(name, "x86_64", List.of());
        }
        return this;
    }

    public Given offline(String member) {
        view.memberOnline(member, false);
        return this;
    }

    public Given evacuated(String member) {
        view.memberEvacuated(member, true);
        return this;
    }

    public Given group(String group, String... members) {
        view.groupChanged(group, List.of(members));
        return this;
    }

    public Given image(String fingerprint, String alias) {
        images.created(fingerprint, "x86_64");
        images.aliasesAre(fingerprint, List.of(alias));
        return this;
    }

    public Given running(String name, String member) {
        return instance(name, member, Instance.RUNNING, Map.of());
    }

    public Given stopped(String name, String member) {
        return instance(name, member, Instance.STOPPED, Map.of());
    }

    public Given instance(String name, String member, String status, Map<String, String> config) {
        state.put(
                name,
                new Instance(
                        PROJECT,
                        name,
                        "container",
                        "x86_64",
                        "",
                        config,
                        Map.of(),
                        List.of("default"),
                        member,
                        status,
                        Instance.RUNNING.equals(status),
                        null,
                        NOW,
                        "",
                        null,
                        true));
        view.instanceAdded(member);
        return this;
    }

    public InstanceDecider instances() {
        return instances;
    }

    public EvacuationDecider evacuations() {
        return evacuations;
    }

    /** Applies {@code events} to the instances, and returns them. */
    public List<InstanceEvent> apply(List<InstanceEvent> events) {
        for (InstanceEvent event : events) {
            if (event instanceof InstanceEvent.OfInstance change) {
                Instance next = Instance.evolve(state.get(change.name()), change);
                if (next == null) {
                    state.remove(change.name());
                } else {
                    state.put(change.name(), next);
                }
            }
        }
        return events;
    }

    public Optional<Instance> find(String name) {
        return Optional.ofNullable(state.get(name));
    }

    public Instance instance(String name) {
        return find(name).orElseThrow();
    }

    public List<Instance> all() {
        return List.copyOf(state.values());
    }

    public List<Instance> on(String member) {
        return state.values().stream().filter(i -> member.equals(i.location())).toList();
    }

    public List<Instance> movingFrom(String member) {
        return state.values().stream()
                .filter(i -> i.moving() && member.equals(i.move().from()))
                .toList();
    }

    public List<Instance> evacuatedFrom(String member) {
        return state.values().stream()
                .filter(i -> member.equals(i.config().get(Instance.ORIGIN)))
                .toList();
    }

    // ---- whole requests, as the services run them ----

    public String nextOperation() {
        return "op-" + ++operations;
    }

    /** Transfer ids as the deciders are given them: {@code t-1}, {@code t-2}… */
    private String nextTransfer() {
        return "t-" + ++transfers;
    }

    public static Creation creation(String name, PlacementTarget target, boolean start) {
        return new Creation(
                PROJECT, name, "container", "", "", Map.of(), Map.of(), List.of("default"), start, target, null);
    }

    /** A creation from an image, as the service hands it to the decider once resolved. */
    public Creation fromImage(String name, String alias, boolean start) {
        ImagesView.Image image = images.withAlias(alias).orElseThrow();
        return creation(name, new PlacementTarget.Anywhere(), start).from(image);
    }

    /** Accepts the creation; returns the placement request it published. */
    public Placement accepted(Creation creation) {
        List<InstanceEvent> events = apply(instances.create(creation, find(creation.name()), nextOperation()));
        return requestOf(events.getFirst());
    }

    /** Accepts the creation and decides its placement; returns the decision's events. */
    public List<InstanceEvent> created(Creation creation) {
        Placement request = accepted(creation);
        return apply(instances.place(request, find(creation.name())));
    }

    public List<InstanceEvent> created(String name, PlacementTarget target, boolean start) {
        return created(creation(name, target, start));
    }

    /** Accepts the move; returns the placement request it published. */
    public Placement moveAccepted(String name, PlacementTarget target) {
        return requestOf(apply(instances.move(find(name), target, false, nextOperation()))
                .getFirst());
    }

    /** The placement request that an accepted creation or move is published as. */
    public static Placement requestOf(InstanceEvent event) {
        return switch (event) {
            case InstanceEvent.CreationAccepted e ->
                new Placement(
                        e.project(),
                        e.name(),
                        Reason.NEW,
                        e.instance().type(),
                        e.target(),
                        e.instance().architecture(),
                        e.instance().start(),
                        "",
                        e.instance().config(),
                        e.instance().devices(),
                        e.instance().profiles(),
                        e.instance().operationId());
            case InstanceEvent.MoveRequested e ->
                new Placement(
                        e.project(),
                        e.name(),
                        Reason.RELOCATION,
                        e.instance().type(),
                        e.target(),
                        e.instance().architecture(),
                        e.instance().running(),
                        e.instance().location(),
                        e.instance().config(),
                        e.instance().devices(),
                        e.instance().profiles(),
                        e.operationId());
            default -> throw new IllegalArgumentException("Not a request: " + event);
        };
    }

    public List<InstanceEvent> answered(
            String name, String member, AgentAnswer.Command command, boolean done, String message) {
        return answered(name, member, command, done ? AgentAnswer.Outcome.DONE : AgentAnswer.Outcome.FAILED, message);
    }

    public List<InstanceEvent> answered(
            String name, String member, AgentAnswer.Command command, AgentAnswer.Outcome outcome, String message) {
        return apply(instances.answer(new AgentAnswer(member, PROJECT, name, command, outcome, message), find(name)));
    }

    /** The answer the move of {@code name} waits for, from the member that is to give it; null when it is not moving. */
    public AgentAnswer awaitedAnswer(String name, AgentAnswer.Outcome outcome, String message) {
        Instance instance = instance(name);
        if (!instance.moving()) {
            return null;
        }
        Instance.Move move = instance.move();
        return switch (move.stage()) {
            case STOPPING -> new AgentAnswer(move.from(), PROJECT, name, AgentAnswer.Command.STOP, outcome, message);
            case EXPORTING -> new AgentAnswer(move.from(), PROJECT, name, AgentAnswer.Command.EXPORT, outcome, message);
            case IMPORTING ->
                new AgentAnswer(instance.location(), PROJECT, name, AgentAnswer.Command.IMPORT, outcome, message);
            case RECREATING ->
                new AgentAnswer(instance.location(), PROJECT, name, AgentAnswer.Command.CREATE, outcome, message);
        };
    }

    /** The members carry every move under way out, step by step; returns the events of all the steps. */
    public List<InstanceEvent> movesCompleted() {
        List<InstanceEvent> events = new ArrayList<>();
        for (Instance instance : all()) {
            AgentAnswer next;
            while (find(instance.name()).isPresent()
                    && (next = awaitedAnswer(instance.name(), AgentAnswer.Outcome.DONE, "")) != null) {
                events.addAll(apply(instances.answer(next, find(instance.name()))));
            }
        }
        return events;
    }

    /** How many instances each member holds, by the instances' locations. */
    public Map<String, Long> locations() {
        Map<String, Long> counts = new HashMap<>();
        state.values().stream().filter(Instance::placed).forEach(i -> counts.merge(i.location(), 1L, Long::sum));
        return counts;
    }
}
