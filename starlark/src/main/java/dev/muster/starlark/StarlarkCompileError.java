package dev.muster.starlark;

/**
 * A program was rejected before it ran: a syntax error, or a static error found by the resolver
 * (an undefined name, a global bound twice, {@code break} outside a loop, ...).
 * The message has the form {@code file:line:col: message}.
 */
public final class StarlarkCompileError extends StarlarkException {

    private final transient Location location;
    private final String reason;

    public StarlarkCompileError(Location location, String reason) {
        super(location + ": " + reason, null);
        this.location = location;
        this.reason = reason;
    }

    public Location location() {
        return location;
    }

    /** The message without its position. */
    public String reason() {
        return reason;
    }
}
