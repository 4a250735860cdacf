package dev.muster.images.persistence;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code image_holders} and {@code image_copies} tables. */
@Repository
public class ReplicaRecords {

    /** A copy asked of a member. */
    public record Copy(String fingerprint, String member, String commandId) {}

    private final JdbcTemplate jdbc;

    public ReplicaRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Set<String>> holders() {
        Map<String, Set<String>> holders = new HashMap<>();
        jdbc.query("SELECT fingerprint, member FROM image_holders", (ResultSet row) -> {
            holders.computeIfAbsent(row.getString(1), k -> new HashSet<>()).add(row.getString(2));
        });
        return holders;
    }

    public List<String> holdersOf(String fingerprint) {
        return jdbc.queryForList(
                "SELECT member FROM image_holders WHERE fingerprint = ? ORDER BY member", String.class, fingerprint);
    }

    /** Copies asked for and not yet answered (asked within {@code patienceSeconds}), per image. */
    public Map<String, Set<String>> inFlight(long patienceSeconds) {
        return pairs("""
                SELECT fingerprint, member FROM image_copies
                WHERE failed_at IS NULL AND requested_at > now() - make_interval(secs => ?)""", patienceSeconds);
    }

    /** Members whose copy of an image failed within {@code backoffSeconds}: not asked again before, per image. */
    public Map<String, Set<String>> backingOff(long backoffSeconds) {
        return pairs("""
                SELECT fingerprint, member FROM image_copies
                WHERE failed_at IS NOT NULL AND failed_at > now() - make_interval(secs => ?)""", backoffSeconds);
    }

    private Map<String, Set<String>> pairs(String sql, long seconds) {
        Map<String, Set<String>> pairs = new HashMap<>();
        jdbc.query(
                sql,
                (ResultSet row) -> {
                    pairs.computeIfAbsent(row.getString(1), k -> new HashSet<>())
                            .add(row.getString(2));
                },
                seconds);
        return pairs;
    }

    /** The member's copy turned out missing or corrupt: it holds the image no more. False if it was not a holder. */
    public boolean lost(String fingerprint, String member) {
        return jdbc.update("DELETE FROM image_holders WHERE fingerprint = ? AND member = ?", fingerprint, member) == 1;
    }

    public void asked(Copy copy) {
        jdbc.update("""
                INSERT INTO image_copies (fingerprint, member, command_id) VALUES (?, ?, ?)
                ON CONFLICT (fingerprint, member) DO UPDATE SET command_id = excluded.command_id, requested_at = now(), failed_at = NULL""", copy.fingerprint(), copy.member(), copy.commandId());
    }

    public Optional<Copy> copy(String commandId) {
        return jdbc
                .query(
                        "SELECT fingerprint, member, command_id FROM image_copies WHERE command_id = ?",
                        (row, n) -> new Copy(row.getString(1), row.getString(2), row.getString(3)),
                        commandId)
                .stream()
                .findFirst();
    }

    /** The member reported a verified copy: it holds the image now. */
    public boolean stored(Copy copy) {
        jdbc.update("DELETE FROM image_copies WHERE command_id = ?", copy.commandId());
        return jdbc.update(
                        "INSERT INTO image_holders (fingerprint, member) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        copy.fingerprint(),
                        copy.member())
                == 1;
    }

    public void failed(Copy copy) {
        jdbc.update("UPDATE image_copies SET failed_at = now() WHERE command_id = ?", copy.commandId());
    }

    /** A member left the cluster: what it held is lost. */
    public List<String> memberRemoved(String member) {
        List<String> lost = jdbc.queryForList(
                "DELETE FROM image_holders WHERE member = ? RETURNING fingerprint", String.class, member);
        jdbc.update("DELETE FROM image_copies WHERE member = ?", member);
        return lost;
    }

    public void memberRenamed(String oldName, String newName) {
        jdbc.update("UPDATE image_holders SET member = ? WHERE member = ?", newName, oldName);
    }
}
