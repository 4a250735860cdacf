package dev.muster.membership.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cluster join token as LXD's client builds it: base64 (standard alphabet) of the JSON
 * {@code {server_name, fingerprint, addresses, secret, expires_at}}.
 */
public record JoinToken(
        String serverName, String fingerprint, List<String> addresses, String secret, Instant expiresAt) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private static final SecureRandom RANDOM = new SecureRandom();

    public String encode() {
        return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(this));
    }

    /** Decodes a token string; empty when it is not one (LXD then answers 403 Forbidden). */
    public static Optional<JoinToken> decode(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JoinToken decoded = JSON.readValue(Base64.getDecoder().decode(token.trim()), JoinToken.class);
            return decoded.serverName() == null || decoded.secret() == null ? Optional.empty() : Optional.of(decoded);
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }

    /** A new random secret: 32 bytes as hex, like LXD's. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** What is stored of a secret: its SHA-256, so the secret itself is never kept or logged. */
    public static String digest(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares a presented secret with a stored digest in constant time. */
    public static boolean matches(String presentedSecret, String storedDigest) {
        return MessageDigest.isEqual(
                digest(presentedSecret).getBytes(StandardCharsets.US_ASCII),
                storedDigest.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "JoinToken[serverName=" + serverName + ", secret=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
