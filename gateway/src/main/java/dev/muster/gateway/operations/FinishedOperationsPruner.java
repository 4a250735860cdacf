package dev.muster.gateway.operations;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code /1.0/operations} to what is running and what finished recently: once a minute, finished operations
 * older than {@code muster.operations.finished-retention} (default one hour) leave the view. LXD forgets an
 * operation seconds after it ends; an hour leaves clients and operators time to read the outcome.
 */
@Component
class FinishedOperationsPruner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FinishedOperationsPruner.class);

    private final OperationsView view;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService timer;

    FinishedOperationsPruner(
            OperationsView view, @Value("${muster.operations.finished-retention:1h}") Duration retention) {
        this.view = view;
        this.retention = retention;
        this.clock = Clock.systemUTC();
    }

    void pruneOnce() {
        int forgotten = view.forgetFinishedBefore(clock.instant().minus(retention));
        if (forgotten > 0) {
            log.info("Forgot {} operations finished more than {} ago", forgotten, retention);
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("operations-pruner").factory());
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        pruneOnce();
                    } catch (RuntimeException e) {
                        log.warn("Pruning finished operations failed, trying again in a minute: {}", e.toString());
                    }
                },
                1,
                60,
                TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
