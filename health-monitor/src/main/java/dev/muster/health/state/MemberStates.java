package dev.muster.health.state;

import dev.muster.events.EventCodec;
import dev.muster.events.heartbeats.MemberState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code member_state} table: the latest heartbeat of every member, shared by all monitor instances. */
@Repository
public class MemberStates extends MemberKeyedTable {

    private static final String UPSERT = """
            INSERT INTO member_state (name, last_heartbeat, partition, sequence, probe_url, state, updated_at)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, now())
            ON CONFLICT (name) DO UPDATE SET
                last_heartbeat = EXCLUDED.last_heartbeat,
                partition = EXCLUDED.partition,
                sequence = EXCLUDED.sequence,
                probe_url = COALESCE(EXCLUDED.probe_url, member_state.probe_url),
                state = COALESCE(EXCLUDED.state, member_state.state),
                updated_at = now()
            WHERE member_state.last_heartbeat <= EXCLUDED.last_heartbeat""";

    private final JsonMapper json = EventCodec.mapper();

    public MemberStates(JdbcTemplate jdbc) {
        super(jdbc, "member_state");
    }

    /** Upserts the batch in one statement batch; an older heartbeat never overwrites a newer one. */
    public void saveAll(Collection<ReceivedHeartbeat> heartbeats) {
        if (heartbeats.isEmpty()) {
            return;
        }
        List<Object[]> rows = heartbeats.stream()
                .map(h -> new Object[] {
                    h.member(),
                    Timestamp.from(h.receivedAt()),
                    h.partition(),
                    h.sequence(),
                    h.probeUrl(),
                    h.state() == null ? null : json.writeValueAsString(h.state())
                })
                .toList();
        jdbc.batchUpdate(UPSERT, rows);
    }

    public Optional<ReceivedHeartbeat> find(String member) {
        return jdbc.query("SELECT * FROM member_state WHERE name = ?", this::heartbeat, member).stream()
                .findFirst();
    }

    public List<ReceivedHeartbeat> all() {
        return jdbc.query("SELECT * FROM member_state ORDER BY name", this::heartbeat);
    }

    private ReceivedHeartbeat heartbeat(ResultSet row, int index) throws SQLException {
        String state = row.getString("state");
        return new ReceivedHeartbeat(
                row.getString("name"),
                row.getTimestamp("last_heartbeat").toInstant(),
                row.getInt("partition"),
                row.getLong("sequence"),
                row.getString("probe_url"),
                state == null ? null : json.readValue(state, MemberState.class));
    }
}
