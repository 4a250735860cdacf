package dev.muster.eventing.postgres;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wakes threads waiting for a change that any process of the service commits and announces with {@code NOTIFY} on a
 * channel (typically from a trigger). A waiter takes the {@link #version()}, looks at the database, and only if it did
 * not find what it waits for waits for the version to move: every notification moves it, and so does every
 * (re)connection of the listener, after which whatever committed while it was not listening is looked at again.
 * Listens on its own connection from the first {@link #version()} on.
 */
public final class ChannelWatch implements AutoCloseable {

    private final ConnectionFactory connections;
    private final String channel;
    private NotificationListener listener; // guarded by this
    private boolean closed; // guarded by this
    private long version; // guarded by this

    public ChannelWatch(ConnectionFactory connections, String channel) {
        this.connections = connections;
        this.channel = channel;
    }

    /** The current version, to be taken before looking at what is waited for. */
    public synchronized long version() {
        if (listener == null && !closed) {
            listener = new NotificationListener(connections, channel, payload -> changed(), this::changed).start();
        }
        return version;
    }

    private synchronized void changed() {
        version++;
        notifyAll();
    }

    /**
     * Waits until the version moved past {@code seen}, at most {@code patience}.
     *
     * @return whether it moved
     * @throws InterruptedException if the waiting thread is interrupted first
     */
    public synchronized boolean awaitChangeAfter(long seen, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (version == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }
}
