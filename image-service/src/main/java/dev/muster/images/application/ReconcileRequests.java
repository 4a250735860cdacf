package dev.muster.images.application;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Asks for a replication round soon, on one thread; a burst of requests (a replay, a mass join) makes one round. */
@Component
public class ReconcileRequests implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReconcileRequests.class);

    private final Replicator replicator;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "image-replication");
        thread.setDaemon(true);
        return thread;
    });

    public ReconcileRequests(Replicator replicator) {
        this.replicator = replicator;
    }

    public void request() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                try {
                    replicator.reconcile();
                } catch (RuntimeException e) {
                    log.warn("Replication round failed: {}", e.toString());
                }
            });
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
