package dev.muster.lxd.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * LXD's ETags: the SHA-256, in lowercase hex, of a JSON encoding of an object's writable part. A
 * {@code PUT}/{@code PATCH} that sends {@code If-Match} must match the current state or gets 412.
 */
public final class Etags {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Etags() {}

    public static String of(Object writable) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(writable).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Checks an {@code If-Match} header (absent: no check; quotes are ignored).
     *
     * @throws LxdException 412 when the object changed since the client read it
     */
    public static void check(String ifMatch, Object currentWritable) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String expected = ifMatch.trim().replace("\"", "");
        String current = of(currentWritable);
        if (!current.equals(expected)) {
            throw LxdException.preconditionFailed("ETag doesn't match: %s vs %s", current, expected);
        }
    }
}
