package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;

/** What operations that create values need from the running execution: its freeze switch and size limits. */
public interface ValueContext {

    /** The freeze switch of values created now. */
    Mutability mutability();

    int maxCollectionSize();

    int maxStringLength();

    /** Fails if a collection would grow to {@code size} elements. */
    default void checkCollectionSize(long size) {
        if (size > maxCollectionSize()) {
            throw new EvalException(
                    "collection would have " + size + " elements, more than the limit of " + maxCollectionSize());
        }
    }

    /** Fails if a string would grow to {@code length} characters. */
    default void checkStringLength(long length) {
        if (length > maxStringLength()) {
            throw new EvalException(
                    "string would have " + length + " characters, more than the limit of " + maxStringLength());
        }
    }
}
