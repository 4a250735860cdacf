package dev.muster.starlark.eval;

import dev.muster.starlark.value.Printer;
import dev.muster.starlark.value.Values;

import java.util.Map;

/** The value of {@code x.method} when not called at once: the method paired with its receiver. */
public final class BoundMethod implements Builtin {

    private final Object receiver;
    private final Method method;

    public BoundMethod(Object receiver, Method method) {
        this.receiver = receiver;
        this.method = method;
    }

    @Override
    public String name() {
        return method.name();
    }

    @Override
    public Object call(StarlarkThread thread, Object[] positional, Map<String, Object> named) {
        return method.call(thread, receiver, positional, named);
    }

    @Override
    public void repr(Printer printer) {
        printer.append("<built-in method " + method.name() + " of " + Values.type(receiver) + " value>");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoundMethod that && that.receiver == receiver && that.method == method;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(receiver) * 31 + method.hashCode();
    }
}
