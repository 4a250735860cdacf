package dev.muster.membership.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.muster.eventing.config.LibraryMigrations;
import dev.muster.eventing.outbox.Outbox;
import dev.muster.eventing.store.EventStore;
import dev.muster.events.EventCodec;
import dev.muster.membership.cluster.ClusterState;
import dev.muster.membership.messaging.MembershipEventTranslator;
import dev.muster.testing.TestInfrastructure;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two membership processes write the one cluster stream: the loser of a race decides again on the newer state, also
 * when its caller already holds a transaction (as a Kafka listener's inbox does), which PostgreSQL aborts at the
 * failed append unless the attempt runs in a savepoint of its own.
 */
class ClusterServiceConflictTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final TestInfrastructure.Database database = TestInfrastructure.newDatabase();
    private final HikariDataSource dataSource = new HikariDataSource();
    private final TransactionTemplate transactions;
    private final ClusterService first;
    private final ClusterService second;

    ClusterServiceConflictTest() {
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        LibraryMigrations.migrate(dataSource, "eventing");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        first = service(jdbc);
        second = service(jdbc);
        first.executeEvents(c -> c.bootstrap("m1", "10.0.0.1:8443", "x86_64", "f1", NOW));
    }

    private ClusterService service(JdbcTemplate jdbc) {
        EventStore store = new EventStore(
                jdbc, ClusterEventTypes.all(), JsonMapper.builder().build());
        Outbox outbox = new Outbox(jdbc, new EventCodec("/muster/membership-service"));
        return new ClusterService(store, outbox, new MembershipEventTranslator(Clock.systemUTC()), transactions);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void aCommandThatLosesARaceInsideItsCallersTransactionIsDecidedAgainAndCommitsWithIt() {
        AtomicBoolean raced = new AtomicBoolean();

        transactions.executeWithoutResult(callers -> first.executeEvents(c -> {
            if (raced.compareAndSet(false, true)) {
                // another process appends to the stream between this one's read and its append
                CompletableFuture.runAsync(
                                () -> second.executeEvents(other -> other.createGroup("racks", "", List.of())))
                        .orTimeout(30, TimeUnit.SECONDS)
                        .join();
            }
            return c.createGroup("gpu", "", List.of());
        }));

        ClusterState state = second.current();
        assertThat(state.groups().keySet()).contains("racks", "gpu");
    }
}
