package dev.muster.starlark;

import java.util.ArrayList;
import java.util.List;

/**
 * The error a built-in or host function throws to fail the running Starlark program.
 * The interpreter adds the position and the call stack as the exception unwinds,
 * and hands the host a {@link StarlarkEvalError}.
 */
public class EvalException extends RuntimeException {

    private Location location;
    private final List<StarlarkEvalError.Frame> frames = new ArrayList<>();

    public EvalException(String message) {
        super(message, null, false, false);
    }

    public EvalException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** Records where the error happened in the current call, unless a more precise position is known. */
    public EvalException at(Location where) {
        if (location == null) {
            location = where;
        }
        return this;
    }

    /** Called as the error leaves a Starlark function: records the function and its current position. */
    public void leaveFunction(String function) {
        frames.add(new StarlarkEvalError.Frame(function, location));
        location = null;
    }

    /** Converts to the host-facing error, closing the outermost frame under the given name. */
    public StarlarkEvalError toStarlarkError(String outermost) {
        List<StarlarkEvalError.Frame> stack = new ArrayList<>(frames);
        if (location != null || stack.isEmpty()) {
            stack.add(new StarlarkEvalError.Frame(outermost, location));
        }
        stack.removeIf(frame -> frame.location() == null);
        return new StarlarkEvalError(getMessage(), stack.reversed(), getCause());
    }
}
