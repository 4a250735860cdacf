package dev.muster.events;

import java.util.List;

/** The public Kafka topics. Outside programs may consume them; see the README. */
public final class Topics {
    public static final String MEMBERSHIP = "muster.membership.v1";
    public static final String HEARTBEATS = "muster.heartbeats.v1";
    public static final String HEALTH = "muster.health.v1";
    public static final String PLACEMENT_REQUESTS = "muster.placement-requests.v1";
    public static final String INSTANCES = "muster.instances.v1";
    public static final String IMAGES = "muster.images.v1";
    public static final String AGENT_COMMANDS = "muster.agent-commands.v1";
    public static final String AGENT_RESULTS = "muster.agent-results.v1";
    public static final String OPERATIONS = "muster.operations.v1";
    /** Records a service set aside for good, with the reason: see {@code DeadLettered}. */
    public static final String DEAD_LETTERS = "muster.dead-letters.v1";

    public static final List<String> ALL = List.of(
            MEMBERSHIP,
            HEARTBEATS,
            HEALTH,
            PLACEMENT_REQUESTS,
            INSTANCES,
            IMAGES,
            AGENT_COMMANDS,
            AGENT_RESULTS,
            OPERATIONS,
            DEAD_LETTERS);

    private Topics() {}
}
