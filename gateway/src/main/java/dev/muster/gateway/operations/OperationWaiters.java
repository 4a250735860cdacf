package dev.muster.gateway.operations;

import dev.muster.eventing.postgres.ConnectionFactory;
import dev.muster.eventing.postgres.NotificationListener;
import dev.muster.events.operations.Operation;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * Long polls on operations: a waiter is completed as soon as its operation is final. Changes are learnt from
 * PostgreSQL notifications, so every gateway instance wakes its own waiters whichever instance updated the view.
 */
@Component
public class OperationWaiters {

    private final OperationsView view;
    private final Map<String, List<CompletableFuture<Operation>>> waiting = new ConcurrentHashMap<>();
    private final NotificationListener listener;

    OperationWaiters(OperationsView view, JdbcConnectionDetails database) {
        this.view = view;
        this.listener = new NotificationListener(
                        ConnectionFactory.of(database.getJdbcUrl(), database.getUsername(), database.getPassword()),
                        OperationsView.CHANGED_CHANNEL,
                        this::changed,
                        () -> waiting.keySet().forEach(this::changed))
                .start();
    }

    /** Completes with the operation once it is final; the caller applies its own timeout. */
    public CompletableFuture<Operation> untilFinal(String id) {
        CompletableFuture<Operation> waiter = new CompletableFuture<>();
        waiting.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(waiter);
        waiter.whenComplete((op, error) -> forget(id, waiter));
        changed(id); // it may have finished before we started waiting
        return waiter;
    }

    private void changed(String id) {
        List<CompletableFuture<Operation>> waiters = waiting.get(id);
        if (waiters == null || waiters.isEmpty()) {
            return;
        }
        view.find(id).filter(Operation::isFinal).ifPresent(op -> waiters.forEach(w -> w.complete(op)));
    }

    private void forget(String id, CompletableFuture<Operation> waiter) {
        waiting.computeIfPresent(id, (k, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }

    @PreDestroy
    void stop() {
        listener.close();
    }
}
