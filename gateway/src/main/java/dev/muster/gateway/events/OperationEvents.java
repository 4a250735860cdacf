package dev.muster.gateway.events;

import dev.muster.eventing.postgres.ConnectionFactory;
import dev.muster.eventing.postgres.NotificationListener;
import dev.muster.gateway.operations.OperationsView;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * Operation events for {@code /1.0/events}: every state of an operation the {@link OperationsView} records (created,
 * progressing, finished) is sent to this gateway's event clients as LXD's {@code operation} event. Changes are learnt
 * from PostgreSQL notifications, so each gateway instance hears of every operation, whichever instance consumed it.
 */
@Component
class OperationEvents {

    private final OperationsView view;
    private final EventHub hub;
    private final NotificationListener listener;

    OperationEvents(OperationsView view, EventHub hub, JdbcConnectionDetails database) {
        this.view = view;
        this.hub = hub;
        this.listener = new NotificationListener(
                        ConnectionFactory.of(database.getJdbcUrl(), database.getUsername(), database.getPassword()),
                        OperationsView.CHANGED_CHANNEL,
                        this::changed,
                        () -> {})
                .start();
    }

    private void changed(String id) {
        if (hub.hasListeners()) {
            view.find(id).ifPresent(op -> hub.publish("operation", "default", op.location(), op));
        }
    }

    @PreDestroy
    void stop() {
        listener.close();
    }
}
