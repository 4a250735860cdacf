package dev.muster.starlark;

import dev.muster.starlark.eval.CompiledProgram;
import dev.muster.starlark.eval.Globals;
import dev.muster.starlark.eval.StarlarkThread;
import dev.muster.starlark.host.JavaBridge;
import dev.muster.starlark.value.Mutability;
import java.util.List;

/** A compiled Starlark file. Immutable and safe to execute many times from many threads. */
public final class StarlarkProgram {

    private final CompiledProgram compiled;
    private final StarlarkOptions options;

    StarlarkProgram(CompiledProgram compiled, StarlarkOptions options) {
        this.compiled = compiled;
        this.options = options;
    }

    public String file() {
        return compiled.file();
    }

    public StarlarkOptions options() {
        return options;
    }

    /**
     * Runs the top-level statements in a new thread, then freezes the module's values.
     * Fails with a {@link StarlarkEvalError} (position and call stack) if the program fails or
     * exceeds a limit of the environment.
     */
    public Module execute(Environment environment) {
        StarlarkThread thread = new StarlarkThread(environment, new Mutability());
        Object[] predeclared = predeclaredValues(environment);
        try {
            Globals globals = compiled.execute(thread, predeclared);
            return new Module(globals, environment);
        } catch (EvalException e) {
            throw e.toStarlarkError("<toplevel>");
        }
    }

    private Object[] predeclaredValues(Environment environment) {
        List<String> names = options.predeclaredNames();
        for (String bound : environment.bindings().keySet()) {
            if (!names.contains(bound)) {
                throw new IllegalArgumentException(
                        "the environment binds " + bound + ", which the program's options do not declare");
            }
        }
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            String name = names.get(i);
            values[i] = environment.bindings().containsKey(name)
                    ? JavaBridge.toStarlarkBinding(name, environment.bindings().get(name))
                    : options.predeclaredValue(name);
        }
        return values;
    }
}
