package dev.muster.gateway.trust;

import dev.muster.certificates.Identity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster's key and certificate, kept in the gateway's database so that every gateway process presents the same
 * one: made at the first start (ECDSA P-384, ten years, as LXD's), read at every later one. Two processes starting at
 * once both make one; the first insert wins and both read it back.
 */
final class ClusterIdentityStore {

    static final Duration VALIDITY = Duration.ofDays(3650);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ClusterIdentityStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Identity loadOrCreate() {
        Identity made =
                Identity.make("muster", List.of("muster"), clock.instant().minusSeconds(60), VALIDITY);
        jdbc.update(
                "INSERT INTO cluster_identity (id, certificate, private_key) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING",
                made.certificatePem(),
                made.privateKeyPem());
        return jdbc.queryForObject(
                "SELECT certificate, private_key FROM cluster_identity WHERE id = 1",
                (row, n) -> Identity.fromPem(row.getString(1), row.getString(2)));
    }
}
