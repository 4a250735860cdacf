package dev.muster.eventing.failures;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells failures that go away by themselves (a database or broker that does not answer for a while) from those
 * that do not (a record its handler cannot apply, whatever the number of tries).
 */
public final class Failures {

    private Failures() {}

    /** True if {@code failure}, or anything that caused it, says that trying again later may succeed. */
    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException
                    || cause instanceof SocketTimeoutException
                    || cause instanceof RetriableException
                    || isConnectionFailureState(cause)) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL's SQLSTATE class 08 (connection exception) and 57P01..03 (the server is going away). */
    private static boolean isConnectionFailureState(Throwable cause) {
        if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || state.startsWith("57P");
        }
        return false;
    }

    /** The innermost cause's class and message, for a reason a person reads. */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        Set<Throwable> seen = new HashSet<>();
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String reason = root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return reason.length() > 1000 ? reason.substring(0, 1000) + "…" : reason;
    }
}
