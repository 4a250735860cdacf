package dev.muster.starlark.eval;

import dev.muster.starlark.Cancellation;
import dev.muster.starlark.Environment;
import dev.muster.starlark.EvalException;
import dev.muster.starlark.Loader;
import dev.muster.starlark.value.Mutability;
import dev.muster.starlark.value.ValueContext;
import java.util.Arrays;

/**
 * The state of one execution: the step counter and limits, the print handler, the freeze switch of the
 * values it creates, and the stack of active Starlark functions. Used by one Java thread at a time.
 */
public final class StarlarkThread implements ValueContext {

    /** How many steps pass between checks of the clock and the cancellation handle. */
    private static final int CHECK_INTERVAL = 1024;

    /** Calls the stack holds before it grows; nesting deeper than this is rare. */
    private static final int INITIAL_STACK_CAPACITY = 16;

    private final Environment environment;
    private final Mutability mutability;
    private final long deadline;
    private final long allocationLimit;
    private long steps;
    private long nextCheck;
    private FunctionCode[] stack = new FunctionCode[INITIAL_STACK_CAPACITY];
    private int depth;

    public StarlarkThread(Environment environment, Mutability mutability) {
        this.environment = environment;
        this.mutability = mutability;
        this.deadline = environment.timeout() == null
                ? 0
                : System.nanoTime() + environment.timeout().toNanos();
        this.nextCheck = Math.min(CHECK_INTERVAL, environment.maxSteps() + 1);
        this.allocationLimit = environment.maxAllocatedBytes() == 0 || !ThreadAllocation.SUPPORTED
                ? 0
                : ThreadAllocation.current() + environment.maxAllocatedBytes();
    }

    @Override
    public Mutability mutability() {
        return mutability;
    }

    @Override
    public int maxCollectionSize() {
        return environment.maxCollectionSize();
    }

    @Override
    public int maxStringLength() {
        return environment.maxStringLength();
    }

    /** Checks the allocation budget too, where a value is about to grow (one step may build a large one). */
    @Override
    public void checkCollectionSize(long size) {
        ValueContext.super.checkCollectionSize(size);
        checkAllocation();
    }

    @Override
    public void checkStringLength(long length) {
        ValueContext.super.checkStringLength(length);
        checkAllocation();
    }

    private void checkAllocation() {
        if (allocationLimit != 0 && ThreadAllocation.current() > allocationLimit) {
            throw new EvalException("Starlark program exceeded its allocation budget of "
                    + environment.maxAllocatedBytes() / (1024 * 1024) + " MiB");
        }
    }

    public void print(String line) {
        environment.print().accept(line);
    }

    public Loader loader() {
        return environment.loader();
    }

    /** Counts one step, failing if the budget is spent, the time is up, or the execution was cancelled. */
    public void tick() {
        if (++steps >= nextCheck) {
            checkLimits();
        }
    }

    private void checkLimits() {
        if (steps > environment.maxSteps()) {
            throw new EvalException("Starlark program exceeded its step budget of " + environment.maxSteps());
        }
        Cancellation cancellation = environment.cancellation();
        if (cancellation != null && cancellation.isCancelled()) {
            throw new EvalException("Starlark program was cancelled");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new EvalException("Starlark program was interrupted");
        }
        checkAllocation();
        if (deadline != 0 && System.nanoTime() - deadline > 0) {
            throw new EvalException("Starlark program exceeded its time limit of "
                    + environment.timeout().toMillis() + " ms");
        }
        nextCheck = Math.min(steps + CHECK_INTERVAL, environment.maxSteps() + 1);
    }

    /** Enters a Starlark function: counts a step, checks the call depth and the ban on recursion. */
    void enter(FunctionCode code) {
        tick();
        if (depth >= environment.maxCallDepth()) {
            throw new EvalException("call depth exceeds the limit of " + environment.maxCallDepth());
        }
        if (!code.allowRecursion) {
            for (int i = 0; i < depth; i++) {
                if (stack[i] == code) {
                    throw new EvalException("function " + code.name + " called recursively");
                }
            }
        }
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = code;
    }

    void exit() {
        stack[--depth] = null;
    }
}
