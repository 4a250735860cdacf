package dev.muster.starlark.eval;

import java.util.Map;

/** A built-in value that calls a {@link Method} on a receiver: a bound method, or a built-in function (no receiver). */
abstract sealed class MethodApplication implements Builtin permits BuiltinFunction, BoundMethod {

    final Object receiver;
    final Method method;

    MethodApplication(Object receiver, Method method) {
        this.receiver = receiver;
        this.method = method;
    }

    @Override
    public final String name() {
        return method.name();
    }

    @Override
    public final Object call(StarlarkThread thread, Object[] positional, Map<String, Object> named) {
        return method.call(thread, receiver, positional, named);
    }
}
