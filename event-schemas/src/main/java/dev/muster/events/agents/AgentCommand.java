package dev.muster.events.agents;

import dev.muster.events.PublicEvent;

/**
 * Work for one member's agent, one record per action, keyed by the member so that its commands stay in order. The
 * agent answers each with an {@link AgentResult} whose event id is derived from {@link #commandId()}.
 */
public sealed interface AgentCommand extends PublicEvent permits ImageCommand, InstanceCommand, ReportInventory {

    /** The member whose agent carries the command out. */
    String member();

    /** Unique per command; its answer's event id is derived from it. */
    String commandId();

    /** The project of the instance acted on; empty for commands about images or the whole member. */
    default String project() {
        return "";
    }

    /** What the command acts on: an instance name, an image fingerprint, or the member itself. */
    String subject();

    @Override
    default String key() {
        return member();
    }
}
