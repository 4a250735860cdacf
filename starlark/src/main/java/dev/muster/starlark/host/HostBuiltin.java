package dev.muster.starlark.host;

import dev.muster.starlark.Arguments;
import dev.muster.starlark.EvalException;
import dev.muster.starlark.HostFunction;
import dev.muster.starlark.eval.Builtin;
import dev.muster.starlark.eval.StarlarkThread;
import java.util.Map;

/** A {@link HostFunction} as a Starlark built-in. Unexpected Java exceptions become Starlark errors. */
final class HostBuiltin implements Builtin {

    private final String name;
    private final HostFunction function;

    HostBuiltin(String name, HostFunction function) {
        this.name = name;
        this.function = function;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object call(StarlarkThread thread, Object[] positional, Map<String, Object> named) {
        Object result;
        try {
            result = function.call(new Arguments(name, positional, named));
        } catch (EvalException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EvalException(name + ": " + e, e);
        }
        try {
            return JavaBridge.toStarlark(result);
        } catch (IllegalArgumentException e) {
            throw new EvalException(name + ": returned a value Starlark cannot represent: " + e.getMessage(), e);
        }
    }
}
