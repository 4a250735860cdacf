package dev.muster.scheduler.instances;

import java.util.Locale;

/** The actions of LXD's {@code PUT /1.0/instances/{name}/state}, with the descriptions of LXD's operations. */
public enum StateAction {
    START("Starting instance"),
    STOP("Stopping instance"),
    RESTART("Restarting instance"),
    FREEZE("Freezing instance"),
    UNFREEZE("Unfreezing instance");

    private final String description;

    StateAction(String description) {
        this.description = description;
    }

    /** The description of the operation that carries the action out, LXD's. */
    public String description() {
        return description;
    }

    /** The action a client names; anything else is refused with LXD's message. */
    public static StateAction parse(String action) {
        for (StateAction known : values()) {
            if (known.name().toLowerCase(Locale.ROOT).equals(action)) {
                return known;
            }
        }
        throw InstanceRejection.invalid("Unknown action: '%s'", action == null ? "" : action);
    }
}
