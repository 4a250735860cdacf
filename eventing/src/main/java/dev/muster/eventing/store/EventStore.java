package dev.muster.eventing.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Append-only streams of domain events in PostgreSQL with optimistic concurrency: an append names the
 * version it expects the stream to be at, and fails with {@link ConcurrencyConflict} if another writer
 * got there first. Appends join the caller's transaction, so state changes and outbox rows commit together.
 */
public final class EventStore {

    private static final String INSERT = """
            INSERT INTO events (stream_id, version, event_id, type, type_version, payload)
            VALUES (?, ?, ?, ?, ?, ?::jsonb)""";

    private final JdbcTemplate jdbc;
    private final DomainEventTypes types;
    private final JsonMapper json;

    public EventStore(JdbcTemplate jdbc, DomainEventTypes types, JsonMapper json) {
        this.jdbc = jdbc;
        this.types = types;
        this.json = json;
    }

    /**
     * Appends events to a stream that must be at {@code expectedVersion} (0 for a new stream).
     *
     * @return the stream's new version
     * @throws ConcurrencyConflict if the stream is at another version, or another writer appends concurrently
     */
    public long append(String streamId, long expectedVersion, List<?> events) {
        long actual = currentVersion(streamId);
        if (actual != expectedVersion) {
            throw new ConcurrencyConflict(streamId, expectedVersion, actual);
        }
        List<Object[]> rows = new ArrayList<>(events.size());
        long version = expectedVersion;
        for (Object event : events) {
            DomainEventTypes.TypeName type = types.nameOf(event.getClass());
            rows.add(new Object[] {
                streamId, ++version, UUID.randomUUID(), type.name(), type.version(), json.writeValueAsString(event)
            });
        }
        try {
            jdbc.batchUpdate(INSERT, rows);
        } catch (DuplicateKeyException e) {
            throw new ConcurrencyConflict(streamId, expectedVersion);
        }
        return version;
    }

    /** The version a stream is at: the number of events in it, 0 if it has none. */
    public long currentVersion(String streamId) {
        Long version = jdbc.queryForObject("SELECT max(version) FROM events WHERE stream_id = ?", Long.class, streamId);
        return version == null ? 0 : version;
    }

    /** Every event of a stream, oldest first. */
    public List<RecordedEvent> read(String streamId) {
        return jdbc.query("SELECT * FROM events WHERE stream_id = ? ORDER BY version", this::toRecorded, streamId);
    }

    /** The events of a stream after a version, oldest first: to catch up a cached state. */
    public List<RecordedEvent> readAfter(String streamId, long afterVersion) {
        return jdbc.query(
                "SELECT * FROM events WHERE stream_id = ? AND version > ? ORDER BY version",
                this::toRecorded,
                streamId,
                afterVersion);
    }

    private RecordedEvent toRecorded(ResultSet row, int rowNum) throws SQLException {
        Class<?> eventClass = types.classOf(row.getString("type"), row.getInt("type_version"));
        Timestamp recordedAt = row.getTimestamp("recorded_at");
        return new RecordedEvent(
                row.getString("stream_id"),
                row.getLong("version"),
                row.getLong("position"),
                row.getObject("event_id", UUID.class),
                json.readValue(row.getString("payload"), eventClass),
                recordedAt.toInstant());
    }
}
