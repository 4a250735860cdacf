package dev.muster.eventing.config;

import javax.sql.DataSource;

/** Proof that the eventing tables exist: beans that use them depend on this one. */
public final class EventingSchema {
    EventingSchema(DataSource dataSource) {
        LibraryMigrations.migrate(dataSource, "eventing");
    }
}
