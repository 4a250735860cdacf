package dev.muster.scheduler.application;

import dev.muster.events.EventCodec;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.InstanceEvent;
import dev.muster.scheduler.instances.InstanceRejection;
import dev.muster.scheduler.instances.Reason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code instances} table: the state of each instance, which {@link #apply} changes event by event exactly as
 * {@link Instance#evolve} does in memory. Each event touches only the columns it changes, so that two transactions
 * changing different things of one instance (its status, its location) do not overwrite each other.
 */
@Repository
public class Instances {

    private static final String COLUMNS =
            "project, name, type, architecture, description, config, devices, profiles, location, status, start, operation_id, created_at,"
                    + " status_message, move_from, move_reason, move_stage, move_transfer, held";
    private static final String WHERE_INSTANCE = " WHERE project = ? AND name = ?";

    private final JdbcTemplate jdbc;
    private final JsonMapper json = EventCodec.mapper();

    public Instances(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Instance> find(String project, String name) {
        return jdbc.query("SELECT " + COLUMNS + " FROM instances" + WHERE_INSTANCE, this::row, project, name).stream()
                .findFirst();
    }

    /**
     * The instance, its row locked until the caller's transaction ends: a decision about it (a member's answer, an
     * evacuation, a client's command) waits for another one under way and then sees what that one changed.
     */
    public Optional<Instance> lock(String project, String name) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM instances" + WHERE_INSTANCE + " FOR UPDATE",
                        this::row,
                        project,
                        name)
                .stream()
                .findFirst();
    }

    /** The instances on {@code member}, their rows locked as {@link #lock} does. */
    public List<Instance> lockOn(String member) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM instances WHERE location = ? ORDER BY project, name FOR UPDATE",
                this::row,
                member);
    }

    public List<Instance> all(String project) {
        return jdbc.query("SELECT " + COLUMNS + " FROM instances WHERE project = ? ORDER BY name", this::row, project);
    }

    public List<Instance> on(String member) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM instances WHERE location = ? ORDER BY project, name", this::row, member);
    }

    /** Instances moving off {@code member}, which still holds them; their rows locked as {@link #lock} does. */
    public List<Instance> movingFrom(String member) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM instances WHERE move_from = ? ORDER BY project, name FOR UPDATE",
                this::row,
                member);
    }

    /** Instances anywhere that were evacuated from {@code member}; their rows locked as {@link #lock} does. */
    public List<Instance> evacuatedFrom(String member) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM instances WHERE config ->> ? = ? ORDER BY project, name FOR UPDATE",
                this::row,
                Instance.ORIGIN,
                member);
    }

    /** How many instances each member holds, in every project. */
    public Map<String, Long> countsByLocation() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(
                "SELECT location, count(*) FROM instances WHERE location IS NOT NULL GROUP BY location",
                (ResultSet row) -> {
                    counts.put(row.getString(1), row.getLong(2));
                });
        return counts;
    }

    /** Writes what {@code event} changed of its instance, in the caller's transaction. */
    public void apply(InstanceEvent.OfInstance event) {
        String project = event.project();
        String name = event.name();
        switch (event) {
            case InstanceEvent.CreationAccepted e -> insert(e.instance());
            case InstanceEvent.MoveRequested e -> update("operation_id = ?", e.operationId(), project, name);
            case InstanceEvent.StateChangeAsked e -> update("operation_id = ?", e.operationId(), project, name);
            case InstanceEvent.Placed e -> {
                jdbc.update(
                        "UPDATE instances SET location = ?, status = ?, status_message = '', held = false"
                                + WHERE_INSTANCE,
                        e.member(),
                        Instance.STOPPED,
                        project,
                        name);
                if (!e.group().isEmpty()) {
                    setConfig(Instance.GROUP, e.group(), project, name);
                }
            }
            case InstanceEvent.Moved e -> {
                jdbc.update(
                        """
                        UPDATE instances SET location = ?, start = ?, status_message = '',
                            move_from = ?, move_reason = ?, move_stage = ?, move_transfer = ?""" + WHERE_INSTANCE,
                        e.to(),
                        e.start(),
                        e.from(),
                        e.reason().name(),
                        e.stage().name(),
                        e.transfer(),
                        project,
                        name);
                if (e.stage() == Instance.Move.Stage.RECREATING) {
                    update("status = ?", Instance.STOPPED, project, name);
                }
            }
            case InstanceEvent.MoveAdvanced e ->
                update("move_stage = ?", e.stage().name(), project, name);
            case InstanceEvent.MoveFinished e -> clearMove(null, project, name);
            case InstanceEvent.Confirmed e -> update("held = ?", true, project, name);
            case InstanceEvent.MoveFailed e -> clearMove(e.from(), project, name);
            case InstanceEvent.PlacementRejected e -> {
                if (e.reason() != Reason.RELOCATION) {
                    delete(project, name);
                }
            }
            case InstanceEvent.Deleted e -> delete(project, name);
            case InstanceEvent.StatusChanged e ->
                jdbc.update(
                        "UPDATE instances SET status = ?, status_message = ''" + WHERE_INSTANCE,
                        e.status(),
                        project,
                        name);
            case InstanceEvent.WentMissing e ->
                jdbc.update(
                        "UPDATE instances SET status = ?, status_message = ?" + WHERE_INSTANCE,
                        Instance.ERROR,
                        e.message(),
                        project,
                        name);
            case InstanceEvent.StoppedInPlace e -> {
                jdbc.update(
                        "UPDATE instances SET status = ?, status_message = ''" + WHERE_INSTANCE,
                        Instance.STOPPED,
                        project,
                        name);
                setConfig(Instance.LAST_POWER, Instance.POWERED, project, name);
            }
            case InstanceEvent.StartAsked e -> removeConfig(Instance.LAST_POWER, project, name);
            case InstanceEvent.OriginRemembered e -> setConfig(Instance.ORIGIN, e.origin(), project, name);
            case InstanceEvent.OriginForgotten e -> removeConfig(Instance.ORIGIN, project, name);
            case InstanceEvent.OperationFinished e ->
                jdbc.update("UPDATE instances SET operation_id = NULL" + WHERE_INSTANCE, project, name);
        }
    }

    /** Takes the name: a concurrent creation of the same name that committed first makes this one a conflict. */
    private void insert(Instance instance) {
        int inserted = jdbc.update(
                """
                INSERT INTO instances (project, name, type, architecture, description, config, devices, profiles, start, operation_id,
                    held)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?) ON CONFLICT DO NOTHING""",
                instance.project(),
                instance.name(),
                instance.type(),
                instance.architecture(),
                instance.description(),
                json.writeValueAsString(instance.config()),
                json.writeValueAsString(instance.devices()),
                json.writeValueAsString(instance.profiles()),
                instance.start(),
                instance.operationId(),
                instance.held());
        if (inserted == 0) {
            throw InstanceRejection.conflict("Instance \"%s\" already exists", instance.name());
        }
    }

    /** The move is over: the instance stays where it counts, or goes back to {@code from}. */
    private void clearMove(String from, String project, String name) {
        jdbc.update("""
                UPDATE instances SET location = coalesce(?, location), held = true,
                    move_from = NULL, move_reason = NULL, move_stage = NULL, move_transfer = NULL""" + WHERE_INSTANCE, from, project, name);
    }

    private void update(String assignment, Object value, String project, String name) {
        jdbc.update("UPDATE instances SET " + assignment + WHERE_INSTANCE, value, project, name);
    }

    private void setConfig(String key, String value, String project, String name) {
        jdbc.update(
                "UPDATE instances SET config = config || jsonb_build_object(?::text, ?::text)" + WHERE_INSTANCE,
                key,
                value,
                project,
                name);
    }

    private void removeConfig(String key, String project, String name) {
        jdbc.update("UPDATE instances SET config = config - ?::text" + WHERE_INSTANCE, key, project, name);
    }

    private void delete(String project, String name) {
        jdbc.update("DELETE FROM instances" + WHERE_INSTANCE, project, name);
    }

    private Instance row(ResultSet row, int n) throws SQLException {
        return new Instance(
                row.getString("project"),
                row.getString("name"),
                row.getString("type"),
                row.getString("architecture"),
                row.getString("description"),
                json.readValue(row.getString("config"), new TypeReference<Map<String, String>>() {}),
                json.readValue(row.getString("devices"), new TypeReference<Map<String, Map<String, String>>>() {}),
                json.readValue(row.getString("profiles"), new TypeReference<List<String>>() {}),
                row.getString("location"),
                row.getString("status"),
                row.getBoolean("start"),
                row.getString("operation_id"),
                row.getTimestamp("created_at").toInstant(),
                row.getString("status_message"),
                row.getString("move_from") == null
                        ? null
                        : new Instance.Move(
                                row.getString("move_from"),
                                Reason.valueOf(row.getString("move_reason")),
                                Instance.Move.Stage.valueOf(row.getString("move_stage")),
                                row.getString("move_transfer")),
                row.getBoolean("held"));
    }
}
