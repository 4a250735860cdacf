package dev.muster.kafka.access;

import static dev.muster.events.Topics.AGENT_COMMANDS;
import static dev.muster.events.Topics.AGENT_RESULTS;
import static dev.muster.events.Topics.DEAD_LETTERS;
import static dev.muster.events.Topics.HEALTH;
import static dev.muster.events.Topics.HEARTBEATS;
import static dev.muster.events.Topics.IMAGES;
import static dev.muster.events.Topics.INSTANCES;
import static dev.muster.events.Topics.MEMBERSHIP;
import static dev.muster.events.Topics.OPERATIONS;
import static dev.muster.events.Topics.PLACEMENT_REQUESTS;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Muster's Kafka principals and their rights: one principal per service, one per member-agent process
 * ({@code agent-<name>}), and {@value #ADMIN}, the broker's own super user that makes the others. Anything not
 * granted here is refused by the broker's authorizer; the README shows this table. Every service writes
 * {@value dev.muster.events.Topics#DEAD_LETTERS}: what its listeners or its outbox relay gave up on.
 */
public final class AccessTable {

    /** The super user: the broker itself, and the tool that creates the other users and their ACLs. */
    public static final String ADMIN = "admin";

    /** Every agent principal's name starts so, and so do its consumer groups. */
    public static final String AGENT_PREFIX = "agent-";

    /** The services, each with what it owns (writes) and consumes (reads). */
    public static final List<Rights> SERVICES = List.of(
            new Rights(
                    "membership-service",
                    Set.of(MEMBERSHIP, OPERATIONS, DEAD_LETTERS),
                    Set.of(HEALTH, INSTANCES, IMAGES, OPERATIONS),
                    "membership-service",
                    true),
            new Rights(
                    "scheduler-service",
                    Set.of(INSTANCES, PLACEMENT_REQUESTS, AGENT_COMMANDS, OPERATIONS, DEAD_LETTERS),
                    Set.of(MEMBERSHIP, HEALTH, HEARTBEATS, IMAGES, PLACEMENT_REQUESTS, AGENT_RESULTS, OPERATIONS),
                    "scheduler",
                    true),
            new Rights(
                    "image-service",
                    Set.of(IMAGES, AGENT_COMMANDS, OPERATIONS, DEAD_LETTERS),
                    Set.of(MEMBERSHIP, HEALTH, AGENT_RESULTS, OPERATIONS),
                    "image-service",
                    true),
            new Rights(
                    "health-monitor",
                    Set.of(HEALTH, DEAD_LETTERS),
                    Set.of(HEARTBEATS, MEMBERSHIP),
                    "health-monitor",
                    true),
            // the gateway owns no public topic; it writes only the dead letters of its own listeners, and reads the
            // heartbeats for the members' exec bridges
            new Rights("gateway", Set.of(DEAD_LETTERS), Set.of(OPERATIONS, MEMBERSHIP, HEARTBEATS), "gateway", true));

    private AccessTable() {}

    /** A member agent's rights: it writes heartbeats and command results and reads the commands, nothing else. */
    public static Rights agent(String principal) {
        if (!isAgent(principal)) {
            throw new IllegalArgumentException(
                    "an agent principal is named " + AGENT_PREFIX + "<name>, not \"" + principal + "\"");
        }
        return new Rights(principal, Set.of(HEARTBEATS, AGENT_RESULTS), Set.of(AGENT_COMMANDS), AGENT_PREFIX, false);
    }

    /** Whether {@code principal} names a member agent. */
    public static boolean isAgent(String principal) {
        return principal.startsWith(AGENT_PREFIX) && principal.length() > AGENT_PREFIX.length();
    }

    /** The rights of a service or agent principal; empty for {@value #ADMIN} (a super user) and unknown names. */
    public static Optional<Rights> rightsOf(String principal) {
        if (isAgent(principal)) {
            return Optional.of(agent(principal));
        }
        return SERVICES.stream().filter(r -> r.principal().equals(principal)).findFirst();
    }

    /** The services' principal names, in start order. */
    public static List<String> servicePrincipals() {
        return SERVICES.stream().map(Rights::principal).toList();
    }
}
