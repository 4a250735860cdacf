package dev.muster.starlark;

import dev.muster.starlark.eval.Globals;
import dev.muster.starlark.eval.StarlarkCallable;
import dev.muster.starlark.eval.StarlarkThread;
import dev.muster.starlark.host.JavaBridge;
import dev.muster.starlark.value.Mutability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An executed Starlark file: its frozen global variables. Safe to share between threads; each
 * {@link #call} runs in its own Starlark thread with its own step counter.
 */
public final class Module {

    private final Globals globals;
    private final Environment environment;

    Module(Globals globals, Environment environment) {
        this.globals = globals;
        this.environment = environment;
    }

    /** Whether the module has a global of this name with a value. */
    public boolean has(String name) {
        return globals.get(name) != null;
    }

    /** The names of the globals, in order of declaration. */
    public List<String> globalNames() {
        return globals.boundNames();
    }

    /** A global converted to Java (see {@link Starlark#toJava(Object)}); fails if there is none. */
    public Object get(String name) {
        return JavaBridge.toJava(require(name));
    }

    /** A global as a Starlark value, or null if there is none. */
    public Object starlarkValue(String name) {
        return globals.get(name);
    }

    /** Calls a global function with keyword arguments (Java values), using the module's environment. */
    public Object call(String function, Map<String, ?> keywordArguments) {
        return call(environment, function, List.of(), keywordArguments);
    }

    /** Calls a global function with positional and keyword arguments, using the module's environment. */
    public Object call(String function, List<?> positionalArguments, Map<String, ?> keywordArguments) {
        return call(environment, function, positionalArguments, keywordArguments);
    }

    /**
     * Calls a global function in a new Starlark thread governed by the given environment (limits, print,
     * cancellation). Arguments are converted as by {@link Starlark#toStarlark(Object)}, the result as by
     * {@link Starlark#toJava(Object)}. Fails with a {@link StarlarkEvalError} carrying the call stack.
     */
    public Object call(
            Environment callEnvironment,
            String function,
            List<?> positionalArguments,
            Map<String, ?> keywordArguments) {
        if (!(require(function) instanceof StarlarkCallable callable)) {
            throw new IllegalArgumentException("global " + function + " is not a function");
        }
        Object[] positional =
                positionalArguments.stream().map(JavaBridge::toStarlark).toArray();
        Map<String, Object> named = new LinkedHashMap<>();
        keywordArguments.forEach((name, value) -> named.put(name, JavaBridge.toStarlark(value)));
        Mutability mutability = new Mutability();
        StarlarkThread thread = new StarlarkThread(callEnvironment, mutability);
        try {
            return JavaBridge.toJava(callable.call(thread, positional, named));
        } catch (EvalException e) {
            throw e.toStarlarkError(function);
        } catch (StackOverflowError e) {
            throw new EvalException("Starlark call stack overflow").toStarlarkError(function);
        } finally {
            mutability.freeze();
        }
    }

    private Object require(String name) {
        Object value = globals.get(name);
        if (value == null) {
            throw new IllegalArgumentException("module has no global named " + name);
        }
        return value;
    }
}
