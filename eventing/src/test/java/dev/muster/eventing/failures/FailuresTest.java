package dev.muster.eventing.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

class FailuresTest {

    @Test
    void anUnreachableDatabaseOrBrokerIsTransientEvenWrappedByTheListenerContainer() {
        assertThat(Failures.isTransient(new ListenerExecutionFailedException(
                        "listener failed",
                        new CannotCreateTransactionException("no connection", new ConnectException("refused")))))
                .isTrue();
        assertThat(Failures.isTransient(new CannotGetJdbcConnectionException("pool", new SQLException("x", "08001"))))
                .isTrue();
        assertThat(Failures.isTransient(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(Failures.isTransient(new TimeoutException("broker"))).isTrue();
    }

    @Test
    void aRecordItsHandlerCannotApplyIsNotTransient() {
        assertThat(Failures.isTransient(new ListenerExecutionFailedException(
                        "listener failed", new IllegalArgumentException("Unknown cluster group \"gpu\""))))
                .isFalse();
        assertThat(Failures.isTransient(new DataIntegrityViolationException("duplicate")))
                .isFalse();
    }

    @Test
    void transientFailuresAreRetriedWithoutEndAndOthersThreeTimes() {
        BackOffExecution transientRetries = ListenerFailures.backOffFor(new CannotCreateTransactionException("down"))
                .start();
        long longest = 0;
        for (int i = 0; i < 1000; i++) {
            long next = transientRetries.nextBackOff();
            assertThat(next).isNotEqualTo(BackOffExecution.STOP);
            longest = Math.max(longest, next);
        }
        assertThat(longest).isEqualTo(30_000);

        BackOff others = ListenerFailures.backOffFor(new IllegalStateException("bad record"));
        BackOffExecution execution = others.start();
        assertThat(execution.nextBackOff()).isNotEqualTo(BackOffExecution.STOP);
        assertThat(execution.nextBackOff()).isNotEqualTo(BackOffExecution.STOP);
        assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void theReasonIsTheInnermostCause() {
        assertThat(Failures.reason(new ListenerExecutionFailedException(
                        "listener failed", new IllegalArgumentException("Unknown cluster group \"gpu\""))))
                .isEqualTo("IllegalArgumentException: Unknown cluster group \"gpu\"");
    }
}
