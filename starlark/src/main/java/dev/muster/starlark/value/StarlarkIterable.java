package dev.muster.starlark.value;

import java.util.Iterator;

/**
 * A value a for loop can iterate over. Loops bracket the iteration with {@link #startIteration()}
 * and {@link #endIteration()} so that mutable collections can refuse changes meanwhile.
 */
public interface StarlarkIterable extends StarlarkValue {

    Iterator<Object> iterator();

    /** The number of elements the iteration yields. */
    int size();

    default void startIteration() {}

    default void endIteration() {}
}
