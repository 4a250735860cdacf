package dev.muster.scheduler.instances;

import dev.muster.events.EventCodec;
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

/** The {@code instances} table. */
@Repository
public class InstanceRepository {

    private static final String COLUMNS =
            "project, name, type, architecture, description, config, devices, profiles, location, status, start, operation_id, created_at";

    private final JdbcTemplate jdbc;
    private final JsonMapper json = EventCodec.mapper();

    public InstanceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an accepted creation; false if the project already has an instance of that name. */
    public boolean reserve(Instance instance) {
        return jdbc.update("""
                INSERT INTO instances (project, name, type, architecture, description, config, devices, profiles, start, operation_id)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING""",
                instance.project(), instance.name(), instance.type(), instance.architecture(), instance.description(),
                json.writeValueAsString(instance.config()), json.writeValueAsString(instance.devices()),
                json.writeValueAsString(instance.profiles()), instance.start(), instance.operationId()) == 1;
    }

    public Optional<Instance> find(String project, String name) {
        return jdbc.query("SELECT " + COLUMNS + " FROM instances WHERE project = ? AND name = ?", this::row, project, name)
                .stream().findFirst();
    }

    public List<Instance> all(String project) {
        return jdbc.query("SELECT " + COLUMNS + " FROM instances WHERE project = ? ORDER BY name", this::row, project);
    }

    public List<Instance> on(String member) {
        return jdbc.query("SELECT " + COLUMNS + " FROM instances WHERE location = ? ORDER BY project, name", this::row, member);
    }

    public void placed(String project, String name, String location, String status) {
        jdbc.update("UPDATE instances SET location = ?, status = ? WHERE project = ? AND name = ?", location, status, project, name);
    }

    /** A move decided: the instance now lives on {@code location}, to be started there if {@code start}. */
    public void moved(String project, String name, String location, boolean start) {
        jdbc.update("UPDATE instances SET location = ?, start = ?, status = 'Stopped' WHERE project = ? AND name = ?",
                location, start, project, name);
    }

    public void configIs(String project, String name, Map<String, String> config) {
        jdbc.update("UPDATE instances SET config = ?::jsonb WHERE project = ? AND name = ?", json.writeValueAsString(config), project, name);
    }

    /** Instances anywhere whose config has {@code key} = {@code value}, e.g. those evacuated from a member. */
    public List<Instance> withConfig(String key, String value) {
        return jdbc.query("SELECT " + COLUMNS + " FROM instances WHERE config ->> ? = ? ORDER BY project, name", this::row, key, value);
    }

    public void statusIs(String project, String name, String status) {
        jdbc.update("UPDATE instances SET status = ? WHERE project = ? AND name = ?", status, project, name);
    }

    public void operationDone(String project, String name) {
        jdbc.update("UPDATE instances SET operation_id = NULL WHERE project = ? AND name = ?", project, name);
    }

    public void operationIs(String project, String name, String operationId) {
        jdbc.update("UPDATE instances SET operation_id = ? WHERE project = ? AND name = ?", operationId, project, name);
    }

    public void delete(String project, String name) {
        jdbc.update("DELETE FROM instances WHERE project = ? AND name = ?", project, name);
    }

    /** How many instances each member holds, in every project. */
    public Map<String, Long> countsByLocation() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT location, count(*) FROM instances WHERE location IS NOT NULL GROUP BY location",
                (ResultSet row) -> {
                    counts.put(row.getString(1), row.getLong(2));
                });
        return counts;
    }

    private Instance row(ResultSet row, int n) throws SQLException {
        return new Instance(row.getString("project"), row.getString("name"), row.getString("type"), row.getString("architecture"),
                row.getString("description"),
                json.readValue(row.getString("config"), new TypeReference<Map<String, String>>() {}),
                json.readValue(row.getString("devices"), new TypeReference<Map<String, Map<String, String>>>() {}),
                json.readValue(row.getString("profiles"), new TypeReference<List<String>>() {}),
                row.getString("location"), row.getString("status"), row.getBoolean("start"), row.getString("operation_id"),
                row.getTimestamp("created_at").toInstant());
    }
}
