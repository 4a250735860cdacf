package dev.muster.health.members;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code known_members} table: the members membership announced, and whether they are evacuated. */
@Repository
public class KnownMembers {

    /** A member as the health monitor needs to know it. */
    public record KnownMember(String name, boolean evacuated) {}

    private final JdbcTemplate jdbc;

    public KnownMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<KnownMember> all() {
        return jdbc.query(
                "SELECT name, evacuated FROM known_members ORDER BY name",
                (row, i) -> new KnownMember(row.getString(1), row.getBoolean(2)));
    }

    public boolean contains(String member) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM known_members WHERE name = ?)", Boolean.class, member));
    }

    public void joined(String member) {
        jdbc.update("INSERT INTO known_members (name) VALUES (?) ON CONFLICT DO NOTHING", member);
    }

    public void removed(String member) {
        jdbc.update("DELETE FROM known_members WHERE name = ?", member);
    }

    public void renamed(String oldName, String newName) {
        jdbc.update("DELETE FROM known_members WHERE name = ?", newName);
        jdbc.update("UPDATE known_members SET name = ? WHERE name = ?", newName, oldName);
    }

    public void evacuated(String member, boolean evacuated) {
        jdbc.update("UPDATE known_members SET evacuated = ? WHERE name = ?", evacuated, member);
    }
}
