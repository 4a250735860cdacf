package dev.muster.starlark.value;

/**
 * The freeze switch shared by all mutable values created by one execution. Freezing it at the
 * end of module execution freezes, in one step, every value the module created.
 */
public final class Mutability {

    /** For values that are frozen from birth, such as values converted from Java. */
    public static final Mutability FROZEN = frozen();

    private volatile boolean frozen;

    public void freeze() {
        frozen = true;
    }

    public boolean isFrozen() {
        return frozen;
    }

    private static Mutability frozen() {
        Mutability mutability = new Mutability();
        mutability.freeze();
        return mutability;
    }
}
