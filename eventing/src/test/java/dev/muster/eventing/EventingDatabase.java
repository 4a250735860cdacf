package dev.muster.eventing;

import com.zaxxer.hikari.HikariDataSource;
import dev.muster.eventing.config.LibraryMigrations;
import dev.muster.eventing.postgres.ConnectionFactory;
import dev.muster.testing.TestInfrastructure;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh database with the eventing tables, and the JDBC plumbing a service would have. */
final class EventingDatabase implements AutoCloseable {

    final TestInfrastructure.Database database = TestInfrastructure.newDatabase();
    final HikariDataSource dataSource = new HikariDataSource();
    final JdbcTemplate jdbc;
    final TransactionTemplate transactions;

    EventingDatabase() {
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(12);
        LibraryMigrations.migrate(dataSource, "eventing");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    ConnectionFactory connections() {
        return ConnectionFactory.of(database.jdbcUrl(), database.username(), database.password());
    }

    long unsentRows() {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE sent_at IS NULL", Long.class);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
