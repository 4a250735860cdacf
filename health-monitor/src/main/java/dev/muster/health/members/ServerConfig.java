package dev.muster.health.members;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code server_config} table: the cluster's server configuration as membership last announced it. */
@Repository
public class ServerConfig {

    private final JdbcTemplate jdbc;

    public ServerConfig(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> load() {
        return jdbc
                .query(
                        "SELECT key, value FROM server_config",
                        (row, i) -> Map.entry(row.getString(1), row.getString(2)))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Replaces the whole configuration: the announcement carries every key that is set. */
    public void replace(Map<String, String> config) {
        jdbc.update("DELETE FROM server_config");
        List<Object[]> rows = config.entrySet().stream()
                .map(e -> new Object[] {e.getKey(), e.getValue()})
                .toList();
        jdbc.batchUpdate("INSERT INTO server_config (key, value) VALUES (?, ?)", rows);
    }
}
