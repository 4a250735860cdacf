package dev.muster.starlark;

import java.util.List;

/**
 * A Starlark program failed while running. {@link #getMessage()} is {@code file:line:col: message}
 * for the innermost position; {@link #traceback()} adds the Starlark call stack.
 */
public final class StarlarkEvalError extends StarlarkException {

    /** One active call: the function's name and the position it was executing. */
    public record Frame(String function, Location location) {}

    private final String reason;
    private final transient List<Frame> stack;

    public StarlarkEvalError(String reason, List<Frame> stack, Throwable cause) {
        super(stack.isEmpty() ? reason : stack.getLast().location() + ": " + reason, cause);
        this.reason = reason;
        this.stack = List.copyOf(stack);
    }

    /** The message without its position. */
    public String reason() {
        return reason;
    }

    /** Where the error happened: the position in the innermost active call, or null if unknown. */
    public Location location() {
        return stack.isEmpty() ? null : stack.getLast().location();
    }

    /** The active calls, outermost first. */
    public List<Frame> stack() {
        return stack;
    }

    /** The error as Starlark prints it: the call stack, most recent call last, then the message. */
    public String traceback() {
        StringBuilder out = new StringBuilder("Traceback (most recent call last):\n");
        for (Frame frame : stack) {
            out.append("  ")
                    .append(frame.location())
                    .append(": in ")
                    .append(frame.function())
                    .append('\n');
        }
        return out.append("Error: ").append(reason).toString();
    }
}
