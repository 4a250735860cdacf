package dev.muster.eventing.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens connections outside the pool, for work that holds one for a long time (LISTEN, session locks):
 * closing or aborting such a connection must end the session, not hand it back to a pool.
 *
 * <p>Such a connection must also notice when the server is gone without a word (a half-open TCP connection: a
 * server host that died, a dropped route), or it would hold its session lock, and so the relay's duty, for hours:
 * TCP keepalive is on, and a read that waits longer than the socket timeout fails.
 */
@FunctionalInterface
public interface ConnectionFactory {

    /** The longest a read may wait for the server; longer than any statement these connections run. */
    Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);

    Connection open() throws SQLException;

    static ConnectionFactory of(String jdbcUrl, String username, String password) {
        return of(jdbcUrl, username, password, DEFAULT_SOCKET_TIMEOUT);
    }

    static ConnectionFactory of(String jdbcUrl, String username, String password, Duration socketTimeout) {
        return () -> {
            Properties properties = new Properties();
            if (username != null) {
                properties.setProperty("user", username);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("socketTimeout", String.valueOf(Math.max(1, socketTimeout.toSeconds())));
            properties.setProperty("connectTimeout", "10");
            return DriverManager.getConnection(jdbcUrl, properties);
        };
    }
}
