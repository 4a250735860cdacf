package dev.muster.starlark.eval;

import dev.muster.starlark.value.StarlarkValue;
import java.util.Map;

/** A value that can be called: a Starlark function, a built-in, a bound method or a host function. */
public interface StarlarkCallable extends StarlarkValue {

    String name();

    /** Calls with positional arguments and keyword arguments (in call order). */
    Object call(StarlarkThread thread, Object[] positional, Map<String, Object> named);

    @Override
    default boolean isHashable() {
        return true;
    }
}
