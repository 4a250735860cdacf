package dev.muster.membership.members;

import dev.muster.membership.cluster.Cluster;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which instances and image copies each member holds, as the other services reported them. */
@Repository
public class HoldingsView {

    private final JdbcTemplate jdbc;

    HoldingsView(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The member's instances, and the images of which it holds the only copy. */
    public Cluster.Holdings of(String member) {
        return new Cluster.Holdings(
                jdbc.queryForList(
                        "SELECT instance FROM instance_locations WHERE member = ? ORDER BY project, instance",
                        String.class,
                        member),
                jdbc.queryForList("""
                        SELECT fingerprint FROM image_replicas r WHERE member = ?
                        AND NOT EXISTS (SELECT 1 FROM image_replicas o WHERE o.fingerprint = r.fingerprint AND o.member <> r.member)
                        ORDER BY fingerprint""", String.class, member));
    }

    public void instancePlaced(String project, String instance, String member) {
        jdbc.update("""
                INSERT INTO instance_locations (project, instance, member) VALUES (?, ?, ?)
                ON CONFLICT (project, instance) DO UPDATE SET member = excluded.member""", project, instance, member);
    }

    public void instanceDeleted(String project, String instance) {
        jdbc.update("DELETE FROM instance_locations WHERE project = ? AND instance = ?", project, instance);
    }

    public void replicaStored(String fingerprint, String member) {
        jdbc.update(
                "INSERT INTO image_replicas (fingerprint, member) VALUES (?, ?) ON CONFLICT DO NOTHING",
                fingerprint,
                member);
    }

    public void replicaLost(String fingerprint, String member) {
        jdbc.update("DELETE FROM image_replicas WHERE fingerprint = ? AND member = ?", fingerprint, member);
    }

    /** A renamed member keeps what it holds. */
    public void memberRenamed(String from, String to) {
        jdbc.update("UPDATE instance_locations SET member = ? WHERE member = ?", to, from);
        jdbc.update("UPDATE image_replicas SET member = ? WHERE member = ?", to, from);
    }
}
