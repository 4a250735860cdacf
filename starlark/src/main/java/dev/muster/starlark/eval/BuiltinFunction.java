package dev.muster.starlark.eval;

/**
 * A function implemented in Java, such as {@code len}, with parameters declared by {@link Params}: a {@link Method}
 * without a receiver, called the way every built-in method is.
 */
public final class BuiltinFunction extends MethodApplication {

    /** The body of a built-in: receives the arguments bound by its {@link Params}. */
    @FunctionalInterface
    public interface Body {
        Object call(StarlarkThread thread, Object[] args);
    }

    public BuiltinFunction(String name, String signature, Body body) {
        super(null, new Method(name, signature, (thread, self, args) -> body.call(thread, args)));
    }
}
