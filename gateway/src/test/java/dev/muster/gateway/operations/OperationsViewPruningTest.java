package dev.muster.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.muster.events.operations.Operation;
import dev.muster.testing.TestInfrastructure;
import java.time.Instant;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The operations view keeps what runs and what finished lately, not every operation ever made. */
class OperationsViewPruningTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final TestInfrastructure.Database database = TestInfrastructure.newDatabase();
    private final HikariDataSource dataSource = new HikariDataSource();
    private final OperationsView view;

    OperationsViewPruningTest() {
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        view = new OperationsView(new JdbcTemplate(dataSource));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void finishedOperationsOlderThanTheRetentionAreForgottenAndRunningOnesAreKeptWhateverTheirAge() {
        view.changed(operation("old-success", "Success", 200, NOW.minusSeconds(7200)));
        view.changed(operation("old-failure", "Failure", 400, NOW.minusSeconds(7200)));
        view.changed(operation("old-running", "Running", 103, NOW.minusSeconds(7200)));
        view.changed(operation("recent-success", "Success", 200, NOW.minusSeconds(60)));

        int forgotten = view.forgetFinishedBefore(NOW.minusSeconds(3600));

        assertThat(forgotten).isEqualTo(2);
        assertThat(view.all()).extracting(Operation::id).containsExactlyInAnyOrder("old-running", "recent-success");
    }

    private static Operation operation(String id, String status, int code, Instant updated) {
        return new Operation(id, "task", "test", updated, updated, status, code, Map.of(), Map.of(), false, "", "m1");
    }
}
