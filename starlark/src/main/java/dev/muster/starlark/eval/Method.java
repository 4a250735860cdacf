package dev.muster.starlark.eval;

import java.util.Map;

/** A built-in method of a type, such as {@code list.append}, with parameters declared by {@link Params}. */
public final class Method {

    /** The body of a method: receives the receiver and the arguments bound by its {@link Params}. */
    @FunctionalInterface
    public interface Body {
        Object call(StarlarkThread thread, Object self, Object[] args);
    }

    private final String name;
    private final Params params;
    private final Body body;

    public Method(String name, String signature, Body body) {
        this.name = name;
        this.params = Params.of(name, signature);
        this.body = body;
    }

    public String name() {
        return name;
    }

    public Object call(StarlarkThread thread, Object self, Object[] positional, Map<String, Object> named) {
        return body.call(thread, self, params.bind(positional, named, thread));
    }
}
