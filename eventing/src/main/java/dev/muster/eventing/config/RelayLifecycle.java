package dev.muster.eventing.config;

import dev.muster.eventing.outbox.OutboxRelay;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/** Starts the outbox relay with the application and stops it, flushing, on shutdown. */
public final class RelayLifecycle implements SmartLifecycle {

    private final Supplier<OutboxRelay> factory;
    private volatile OutboxRelay relay;

    RelayLifecycle(Supplier<OutboxRelay> factory) {
        this.factory = factory;
    }

    @Override
    public synchronized void start() {
        if (relay == null) {
            relay = factory.get().start();
        }
    }

    @Override
    public synchronized void stop() {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    @Override
    public boolean isRunning() {
        return relay != null;
    }

    public OutboxRelay relay() {
        return relay;
    }
}
