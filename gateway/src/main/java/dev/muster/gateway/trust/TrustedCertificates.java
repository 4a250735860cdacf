package dev.muster.gateway.trust;

import dev.muster.events.EventCodec;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The trust store (table {@code trusted_certificates}), read at every request so a removal takes effect at once. */
@Repository
public class TrustedCertificates {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final JsonMapper json = EventCodec.mapper();
    private final RowMapper<TrustedCertificate> rows = (row, n) -> new TrustedCertificate(
            row.getString("name"),
            row.getString("type"),
            row.getBoolean("restricted"),
            readProjects(row.getString("projects")),
            row.getString("certificate"),
            row.getString("fingerprint"));

    TrustedCertificates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TrustedCertificate> find(String fingerprint) {
        return jdbc.query("SELECT * FROM trusted_certificates WHERE fingerprint = ?", rows, fingerprint).stream()
                .findFirst();
    }

    /** Those whose fingerprint starts with {@code prefix}, as LXD lets a client name one. */
    public List<TrustedCertificate> startingWith(String prefix) {
        return jdbc.query(
                "SELECT * FROM trusted_certificates WHERE starts_with(fingerprint, ?) ORDER BY fingerprint",
                rows,
                prefix);
    }

    public List<TrustedCertificate> all() {
        return jdbc.query("SELECT * FROM trusted_certificates ORDER BY name, fingerprint", rows);
    }

    /** Adds it; false when the fingerprint is already trusted. */
    public boolean add(TrustedCertificate certificate) {
        try {
            jdbc.update(
                    """
                    INSERT INTO trusted_certificates (fingerprint, type, name, certificate, restricted, projects)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb)""",
                    certificate.fingerprint(),
                    certificate.type(),
                    certificate.name(),
                    certificate.certificate(),
                    certificate.restricted(),
                    json.writeValueAsString(certificate.projects()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Replaces the stored entry of {@code fingerprint} (whose certificate may change, and so its fingerprint). */
    public void replace(String fingerprint, TrustedCertificate certificate) {
        jdbc.update(
                """
                UPDATE trusted_certificates SET fingerprint = ?, type = ?, name = ?, certificate = ?, restricted = ?,
                    projects = ?::jsonb WHERE fingerprint = ?""",
                certificate.fingerprint(),
                certificate.type(),
                certificate.name(),
                certificate.certificate(),
                certificate.restricted(),
                json.writeValueAsString(certificate.projects()),
                fingerprint);
    }

    public boolean remove(String fingerprint) {
        return jdbc.update("DELETE FROM trusted_certificates WHERE fingerprint = ?", fingerprint) == 1;
    }

    private List<String> readProjects(String text) {
        return json.readValue(text, STRINGS);
    }
}
