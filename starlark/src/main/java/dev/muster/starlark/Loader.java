package dev.muster.starlark;

/** Resolves the module named by a {@code load} statement (only used when the load option is on). */
@FunctionalInterface
public interface Loader {

    /** Returns the executed module, or throws an {@link EvalException} if it cannot be loaded. */
    Module load(String module);
}
