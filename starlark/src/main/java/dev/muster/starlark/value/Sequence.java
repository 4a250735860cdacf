package dev.muster.starlark.value;

/** An iterable whose elements are indexed by int: list, tuple and range. */
public interface Sequence extends StarlarkIterable {

    /** The element at a valid index in [0, size). */
    Object get(int index);

    /** The elements at start, start+step, ... before stop; the indices are already clamped. */
    Object slice(ValueContext context, int start, int stop, int step);
}
