package dev.muster.starlark.eval;

import dev.muster.starlark.value.Printer;

/** A callable implemented in Java: a built-in function, a bound built-in method or a host function. */
public interface Builtin extends StarlarkCallable {

    @Override
    default String type() {
        return "builtin_function_or_method";
    }

    @Override
    default void repr(Printer printer) {
        printer.append("<built-in function " + name() + ">");
    }
}
