package dev.muster.health.state;

import dev.muster.health.liveness.LivenessStatus;
import dev.muster.health.liveness.RememberedMember;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code member_liveness} table: the last judgement announced about each member. */
@Repository
public class LivenessRecords extends MemberKeyedTable {

    public LivenessRecords(JdbcTemplate jdbc) {
        super(jdbc, "member_liveness");
    }

    /** Records a new status (call in the transaction that announces it); a new status clears healing. */
    public void record(String member, LivenessStatus status, Instant at, Instant lastHeartbeat) {
        jdbc.update(
                """
                INSERT INTO member_liveness (name, status, changed_at, last_heartbeat, healing_due) VALUES (?, ?, ?, ?, false)
                ON CONFLICT (name) DO UPDATE SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at,
                    last_heartbeat = COALESCE(EXCLUDED.last_heartbeat, member_liveness.last_heartbeat), healing_due = false""",
                member,
                status.name().toLowerCase(Locale.ROOT),
                Timestamp.from(at),
                lastHeartbeat == null ? null : Timestamp.from(lastHeartbeat));
    }

    public void healingDue(String member) {
        jdbc.update("UPDATE member_liveness SET healing_due = true WHERE name = ?", member);
    }

    /** The status last announced per member. */
    public Map<String, LivenessStatus> statuses() {
        return jdbc
                .query(
                        "SELECT name, status FROM member_liveness",
                        (row, i) -> Map.entry(row.getString(1), status(row.getString(2))))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Everything any monitor recorded about every member: the latest heartbeat and the last judgement. */
    public List<RememberedMember> remembered() {
        return jdbc.query("""
                SELECT name, GREATEST(s.last_heartbeat, l.last_heartbeat) AS last_heartbeat, s.partition, s.probe_url, l.status, l.healing_due
                FROM member_state s FULL OUTER JOIN member_liveness l USING (name)""", this::remembered);
    }

    private RememberedMember remembered(ResultSet row, int index) throws SQLException {
        Timestamp lastHeartbeat = row.getTimestamp("last_heartbeat");
        String status = row.getString("status");
        int partition = row.getInt("partition");
        boolean heard = !row.wasNull();
        return new RememberedMember(
                row.getString("name"),
                lastHeartbeat == null ? null : lastHeartbeat.toInstant(),
                heard ? partition : null,
                row.getString("probe_url"),
                status == null ? LivenessStatus.ONLINE : status(status),
                row.getBoolean("healing_due"));
    }

    private static LivenessStatus status(String value) {
        return LivenessStatus.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
