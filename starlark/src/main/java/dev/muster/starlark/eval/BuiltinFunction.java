package dev.muster.starlark.eval;

import java.util.Map;

/**
 * A function implemented in Java, such as {@code len}, with parameters declared by {@link Params}: a {@link Method}
 * without a receiver, called the way every built-in method is.
 */
public final class BuiltinFunction implements Builtin {

    /** The body of a built-in: receives the arguments bound by its {@link Params}. */
    @FunctionalInterface
    public interface Body {
        Object call(StarlarkThread thread, Object[] args);
    }

    private final Method method;

    public BuiltinFunction(String name, String signature, Body body) {
        this.method = new Method(name, signature, (thread, self, args) -> body.call(thread, args));
    }

    @Override
    public String name() {
        return method.name();
    }

    @Override
    public Object call(StarlarkThread thread, Object[] positional, Map<String, Object> named) {
        return method.call(thread, null, positional, named);
    }
}
