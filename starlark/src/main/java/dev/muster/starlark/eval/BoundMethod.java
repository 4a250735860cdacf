package dev.muster.starlark.eval;

import dev.muster.starlark.value.Printer;
import dev.muster.starlark.value.Values;

/** The value of {@code x.method} when not called at once: the method paired with its receiver. */
public final class BoundMethod extends MethodApplication {

    public BoundMethod(Object receiver, Method method) {
        super(receiver, method);
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
