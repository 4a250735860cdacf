package dev.muster.eventing.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Opens connections outside the pool, for work that holds one for a long time (LISTEN, session locks):
 * closing or aborting such a connection must end the session, not hand it back to a pool.
 */
@FunctionalInterface
public interface ConnectionFactory {
    Connection open() throws SQLException;

    static ConnectionFactory of(String jdbcUrl, String username, String password) {
        return () -> DriverManager.getConnection(jdbcUrl, username, password);
    }
}
