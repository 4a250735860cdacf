package dev.muster.gateway.operations;

import dev.muster.events.EventCodec;
import dev.muster.events.operations.Operation;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's read model of operations (table {@code operations_view}): every service's operations as last
 * published on {@code muster.operations.v1}, kept by the {@link OperationsFeed}, and answered from for
 * {@code /1.0/operations}. A finished operation never goes back to running. It can be rebuilt from the topic.
 */
@Repository
public class OperationsView {

    /** PostgreSQL notification channel: the id of every operation whose state was written. */
    public static final String CHANGED_CHANNEL = "muster_operations";

    private final JdbcTemplate jdbc;
    private final JsonMapper json = EventCodec.mapper();

    public OperationsView(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an operation a service just answered with ({@code 202}), before its events arrive, so that a client
     * waiting on it at once finds it. Its events update it as usual.
     */
    public void announced(Operation operation) {
        created(operation, operation.location());
    }

    /** Records a newly created operation, unless a later state of it arrived first. */
    void created(Operation operation, String owner) {
        jdbc.update(
                """
                INSERT INTO operations_view (id, owner, status_code, snapshot, updated_at) VALUES (?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (id) DO NOTHING""",
                operation.id(),
                owner,
                operation.statusCode(),
                json.writeValueAsString(operation),
                Timestamp.from(operation.updatedAt()));
        notifyChanged(operation.id());
    }

    /** Records a new state of an operation; ignored once the operation is final. */
    public void changed(Operation operation) {
        jdbc.update(
                """
                INSERT INTO operations_view (id, owner, status_code, snapshot, updated_at) VALUES (?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (id) DO UPDATE SET status_code = excluded.status_code, snapshot = excluded.snapshot,
                    updated_at = excluded.updated_at
                WHERE operations_view.status_code < 200""",
                operation.id(),
                operation.location(),
                operation.statusCode(),
                json.writeValueAsString(operation),
                Timestamp.from(operation.updatedAt()));
        notifyChanged(operation.id());
    }

    private void notifyChanged(String id) {
        jdbc.queryForList("SELECT pg_notify(?, ?)", CHANGED_CHANNEL, id);
    }

    public Optional<Operation> find(String id) {
        return jdbc
                .query("SELECT snapshot FROM operations_view WHERE id = ?", (row, n) -> read(row.getString(1)), id)
                .stream()
                .findFirst();
    }

    public Optional<String> ownerOf(String id) {
        return jdbc.queryForList("SELECT owner FROM operations_view WHERE id = ?", String.class, id).stream()
                .findFirst();
    }

    public List<Operation> all() {
        return jdbc.query(
                "SELECT snapshot FROM operations_view ORDER BY updated_at", (row, n) -> read(row.getString(1)));
    }

    /**
     * Forgets the operations that finished before {@code finishedBefore}: the view holds the running ones and the
     * recently finished, not the whole history (which stays on the topic for its retention).
     *
     * @return how many were forgotten
     */
    public int forgetFinishedBefore(Instant finishedBefore) {
        return jdbc.update(
                "DELETE FROM operations_view WHERE status_code >= 200 AND updated_at < ?",
                Timestamp.from(finishedBefore));
    }

    private Operation read(String snapshot) {
        return json.readValue(snapshot, Operation.class);
    }
}
