package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;

/**
 * Base of the mutable collections: they fail to change once frozen, or while a loop iterates over them.
 * Frozen values are shared between threads, so their iteration is not counted.
 */
public abstract class MutableValue implements StarlarkIterable {

    private final Mutability mutability;
    private int activeIterations;

    protected MutableValue(Mutability mutability) {
        this.mutability = mutability;
    }

    public boolean isFrozen() {
        return mutability.isFrozen();
    }

    /** Fails unless the value may change now; {@code action} completes "cannot ... list", e.g. "append to". */
    protected void checkMutable(String action) {
        if (mutability.isFrozen()) {
            throw new EvalException("cannot " + action + " frozen " + type());
        }
        if (activeIterations > 0) {
            throw new EvalException("cannot " + action + " " + type() + " during iteration");
        }
    }

    @Override
    public void startIteration() {
        if (!mutability.isFrozen()) {
            activeIterations++;
        }
    }

    @Override
    public void endIteration() {
        if (!mutability.isFrozen() && activeIterations > 0) {
            activeIterations--;
        }
    }
}
