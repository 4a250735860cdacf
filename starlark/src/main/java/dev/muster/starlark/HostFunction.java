package dev.muster.starlark;

/**
 * A built-in function implemented by the host, such as {@code set_target(name)}.
 * It receives the call's arguments and returns a Java value (converted as by
 * {@link Starlark#toStarlark(Object)}; null becomes None). To fail the Starlark program, throw an
 * {@link EvalException}: it is reported with the position of the call and the Starlark call stack.
 */
@FunctionalInterface
public interface HostFunction {

    Object call(Arguments arguments);
}
