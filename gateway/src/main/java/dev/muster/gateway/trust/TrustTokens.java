package dev.muster.gateway.trust;

import dev.muster.events.EventCodec;
import dev.muster.events.operations.Operation;
import dev.muster.events.operations.OperationStatus;
import dev.muster.gateway.operations.GatewayOwnedOperations;
import dev.muster.gateway.operations.OperationsView;
import dev.muster.lxd.web.LxdException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trust tokens ({@code lxc config trust add}): a running operation of class {@code token} whose secret lets one client
 * add its own certificate, once, before {@code core.remote_token_expiry}. Only the secret's SHA-256 is kept; the
 * secret itself is in the {@code 202} answer alone (the operation as listed later carries an empty secret).
 */
@Component
public class TrustTokens implements GatewayOwnedOperations {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a token lets its bearer become. */
    public record Grant(String name, String type, boolean restricted, List<String> projects) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final OperationsView operations;
    private final Clock clock;
    private final JsonMapper json = EventCodec.mapper();

    TrustTokens(JdbcTemplate jdbc, TransactionTemplate transactions, OperationsView operations) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.operations = operations;
        this.clock = Clock.systemUTC();
    }

    /** Issues a token: the operation as answered, its metadata holding the secret. */
    public Operation issue(
            Grant grant,
            Map<String, Object> request,
            Optional<Instant> expiresAt,
            String fingerprint,
            List<String> addresses) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("request", request);
        metadata.put("fingerprint", fingerprint);
        metadata.put("addresses", addresses);
        expiresAt.ifPresent(at -> metadata.put("expiresAt", at.toString()));
        Operation listed = new Operation(
                UUID.randomUUID().toString(),
                "token",
                "Executing operation",
                now,
                now,
                OperationStatus.RUNNING.text(),
                OperationStatus.RUNNING.code(),
                Map.of(),
                withSecret(metadata, ""),
                true,
                "",
                OWNER);
        transactions.executeWithoutResult(tx -> {
            jdbc.update(
                    """
                    INSERT INTO trust_tokens (operation_id, name, secret_sha256, type, restricted, projects, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)""",
                    listed.id(),
                    grant.name(),
                    sha256(secret),
                    grant.type(),
                    grant.restricted(),
                    json.writeValueAsString(grant.projects()),
                    expiresAt.map(Timestamp::from).orElse(null));
            operations.announced(listed);
        });
        return new Operation(
                listed.id(),
                listed.operationClass(),
                listed.description(),
                now,
                now,
                listed.status(),
                listed.statusCode(),
                listed.resources(),
                withSecret(metadata, secret),
                true,
                "",
                OWNER);
    }

    /**
     * Uses up the token whose secret this is and answers what it grants; LXD's {@code 403} when no running token has
     * it, or when it expired.
     */
    public Grant redeem(String secret) {
        return transactions.execute(tx -> {
            var found = jdbc.queryForList(
                    "SELECT * FROM trust_tokens WHERE secret_sha256 = ? AND state = 'pending' FOR UPDATE",
                    sha256(secret));
            if (found.isEmpty()) {
                throw LxdException.forbidden("No matching certificate add operation found");
            }
            var row = found.getFirst();
            String id = (String) row.get("operation_id");
            Timestamp expiresAt = (Timestamp) row.get("expires_at");
            if (expiresAt != null && clock.instant().isAfter(expiresAt.toInstant())) {
                finish(id, "expired");
                throw LxdException.forbidden("Token has expired");
            }
            finish(id, "used");
            return new Grant(
                    (String) row.get("name"),
                    (String) row.get("type"),
                    (Boolean) row.get("restricted"),
                    json.readValue(row.get("projects").toString(), STRINGS));
        });
    }

    @Override
    public void cancel(String id) {
        transactions.executeWithoutResult(tx -> finish(id, "revoked"));
    }

    /** Ends the tokens whose time is up, as LXD cancels an expired token's operation. */
    public void expireDue() {
        List<String> due = jdbc.queryForList(
                "SELECT operation_id FROM trust_tokens WHERE state = 'pending' AND expires_at < ?",
                String.class,
                Timestamp.from(clock.instant()));
        due.forEach(id -> transactions.executeWithoutResult(tx -> finish(id, "expired")));
    }

    private void finish(String id, String state) {
        jdbc.update("UPDATE trust_tokens SET state = ? WHERE operation_id = ? AND state = 'pending'", state, id);
        operations
                .find(id)
                .ifPresent(op ->
                        operations.changed(op.with(OperationStatus.CANCELLED, clock.instant(), op.metadata(), "")));
    }

    private static Map<String, Object> withSecret(Map<String, Object> metadata, String secret) {
        Map<String, Object> copy = new LinkedHashMap<>(metadata);
        copy.put("secret", secret);
        return copy;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token a client pastes ({@code lxc remote add NAME TOKEN}): base64 of LXD's CertificateAddToken JSON. */
    public static String encode(Operation issued) {
        Map<String, Object> metadata = issued.metadata();
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) metadata.get("request");
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("client_name", request.getOrDefault("name", ""));
        token.put("fingerprint", metadata.get("fingerprint"));
        token.put("addresses", metadata.get("addresses"));
        token.put("secret", metadata.get("secret"));
        token.put("expires_at", metadata.getOrDefault("expiresAt", "0001-01-01T00:00:00Z"));
        return Base64.getEncoder().encodeToString(EventCodec.mapper().writeValueAsBytes(token));
    }

    /** The secret of a pasted token, or empty when {@code value} is not one. */
    static Optional<String> secretOf(String value) {
        try {
            var token = EventCodec.mapper().readTree(Base64.getDecoder().decode(value.trim()));
            var secret = token.get("secret");
            return secret == null || !secret.isString() ? Optional.empty() : Optional.of(secret.asString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
