package dev.muster.health.fencing;

/** What probing a member's agent directly showed. */
public sealed interface ProbeResult {

    /** The agent answered, or death could not be confirmed: do not heal. */
    record NotConfirmedDead(String detail) implements ProbeResult {}

    /** The probe failed: a second, independent sign that the member is dead. {@code fencing} says how. */
    record ConfirmedDead(String fencing) implements ProbeResult {}
}
