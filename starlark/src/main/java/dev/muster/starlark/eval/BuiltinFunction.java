package dev.muster.starlark.eval;

import dev.muster.starlark.value.Printer;

import java.util.Map;

/** A function implemented in Java, such as {@code len}, with parameters declared by {@link Params}. */
public final class BuiltinFunction implements StarlarkCallable {

    /** The body of a built-in: receives the arguments bound by its {@link Params}. */
    @FunctionalInterface
    public interface Body {
        Object call(StarlarkThread thread, Object[] args);
    }

    private final String name;
    private final Params params;
    private final Body body;

    public BuiltinFunction(String name, String signature, Body body) {
        this.name = name;
        this.params = Params.of(name, signature);
        this.body = body;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object call(StarlarkThread thread, Object[] positional, Map<String, Object> named) {
        return body.call(thread, params.bind(positional, named, thread));
    }

    @Override
    public String type() {
        return "builtin_function_or_method";
    }

    @Override
    public void repr(Printer printer) {
        printer.append("<built-in function " + name + ">");
    }
}
