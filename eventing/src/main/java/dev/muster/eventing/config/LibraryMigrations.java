package dev.muster.eventing.config;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the tables of a shared library, with a Flyway history of its own, so a library's migrations
 * never collide with the versions of the service that uses it.
 */
public final class LibraryMigrations {

    private LibraryMigrations() {}

    /** Applies {@code classpath:db/<library>} with the history table {@code flyway_<library>_history}. */
    public static void migrate(DataSource dataSource, String library) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/" + library)
                .table("flyway_" + library.replace('-', '_') + "_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
