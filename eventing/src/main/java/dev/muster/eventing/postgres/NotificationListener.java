package dev.muster.eventing.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a PostgreSQL notification channel on its own connection and hands each payload to a
 * callback; reconnects after failures. Used where many processes must learn promptly that rows changed.
 */
public final class NotificationListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ConnectionFactory connections;
    private final String channel;
    private final Consumer<String> onNotification;
    private final Runnable onReconnect;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param onReconnect runs after every (re)connection, so the caller can re-read what it may have missed
     */
    public NotificationListener(
            ConnectionFactory connections, String channel, Consumer<String> onNotification, Runnable onReconnect) {
        this.connections = connections;
        this.channel = channel;
        this.onNotification = onNotification;
        this.onReconnect = onReconnect;
        this.thread = Thread.ofPlatform().daemon().name("pg-listen-" + channel).unstarted(this::run);
    }

    public NotificationListener start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try (Connection connection = connections.open()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                onReconnect.run();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
                    for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                        onNotification.accept(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Listening on {} failed, reconnecting: {}", channel, e.getMessage());
                    sleepQuietly(POLL);
                }
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
