package dev.muster.lxd.operations;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.EventCodec;
import dev.muster.events.operations.Operation;
import dev.muster.events.operations.OperationCreated;
import dev.muster.events.operations.OperationFinished;
import dev.muster.events.operations.OperationStatus;
import dev.muster.events.operations.OperationUpdated;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs LXD operations from any service: each change is recorded here and published on
 * {@code muster.operations.v1} through the outbox, in the caller's transaction, so an operation and the work
 * it stands for commit together. The gateway materialises them for {@code /1.0/operations}.
 */
public final class Operations {

    /** What a new operation is about. */
    public record Spec(
            String operationClass,
            String description,
            Map<String, List<String>> resources,
            Map<String, Object> metadata,
            boolean mayCancel) {

        public static Spec task(String description, Map<String, List<String>> resources) {
            return new Spec("task", description, resources, Map.of(), false);
        }
    }

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final String owner;
    private final Clock clock;
    private final JsonMapper json = EventCodec.mapper();

    public Operations(JdbcTemplate jdbc, Outbox outbox, String owner, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.owner = owner;
        this.clock = clock;
    }

    /** Creates a running operation; must be called inside the transaction that accepts the work. */
    public Operation start(Spec spec) {
        Instant now = clock.instant();
        Operation operation = new Operation(
                UUID.randomUUID().toString(),
                spec.operationClass(),
                spec.description(),
                now,
                now,
                OperationStatus.RUNNING.text(),
                OperationStatus.RUNNING.code(),
                spec.resources(),
                spec.metadata(),
                spec.mayCancel(),
                "",
                owner);
        jdbc.update(
                "INSERT INTO owned_operations (id, snapshot) VALUES (?, ?::jsonb)",
                operation.id(),
                json.writeValueAsString(operation));
        outbox.publish(new OperationCreated(operation, owner));
        return operation;
    }

    /** Replaces the metadata of a running operation (progress). */
    public Operation progress(String id, Map<String, Object> metadata) {
        Operation current = runningOne(id);
        return save(current.with(current.statusValue(), clock.instant(), metadata, ""));
    }

    public Operation succeed(String id, Map<String, Object> metadata) {
        return save(runningOne(id).with(OperationStatus.SUCCESS, clock.instant(), metadata, ""));
    }

    public Operation fail(String id, String error) {
        Operation current = runningOne(id);
        return save(current.with(OperationStatus.FAILURE, clock.instant(), current.metadata(), error));
    }

    public Operation cancel(String id) {
        Operation current = runningOne(id);
        return save(current.with(OperationStatus.CANCELLED, clock.instant(), current.metadata(), ""));
    }

    public Optional<Operation> find(String id) {
        return jdbc
                .query(
                        "SELECT snapshot FROM owned_operations WHERE id = ?",
                        (row, n) -> json.readValue(row.getString(1), Operation.class),
                        id)
                .stream()
                .findFirst();
    }

    /** Running operations of a class, oldest first (e.g. live join tokens). */
    public List<Operation> runningOfClass(String operationClass) {
        return jdbc.query(
                "SELECT snapshot FROM owned_operations WHERE NOT final AND snapshot->>'class' = ? ORDER BY updated_at",
                (row, n) -> json.readValue(row.getString(1), Operation.class),
                operationClass);
    }

    private Operation runningOne(String id) {
        Operation current =
                find(id).orElseThrow(() -> new IllegalArgumentException("no operation " + id + " is owned here"));
        if (current.isFinal()) {
            throw new IllegalStateException("operation " + id + " has already finished: " + current.status());
        }
        return current;
    }

    private Operation save(Operation operation) {
        jdbc.update(
                "UPDATE owned_operations SET snapshot = ?::jsonb, final = ?, updated_at = now() WHERE id = ?",
                json.writeValueAsString(operation),
                operation.isFinal(),
                operation.id());
        outbox.publish(operation.isFinal() ? new OperationFinished(operation) : new OperationUpdated(operation));
        return operation;
    }
}
