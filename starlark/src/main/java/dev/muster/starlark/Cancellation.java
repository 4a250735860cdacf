package dev.muster.starlark;

/**
 * A handle through which another thread stops a running Starlark program. Give it to
 * {@link Environment.Builder#cancellation(Cancellation)}; after {@link #cancel()} the program fails
 * within a few thousand steps with "Starlark program was cancelled".
 */
public final class Cancellation {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
