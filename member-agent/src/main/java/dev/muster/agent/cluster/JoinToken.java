package dev.muster.agent.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LXD's join token: what the token operation's metadata holds, given to the joining server as base64 (standard
 * alphabet) of the JSON {@code {server_name, fingerprint, addresses, secret, expires_at}}.
 */
public record JoinToken(
        String serverName, String fingerprint, List<String> addresses, String secret, String expiresAt) {

    /** Reads the metadata of a token operation ({@code serverName}, {@code secret}, {@code fingerprint}, …). */
    public static JoinToken fromOperationMetadata(JsonNode metadata) {
        List<String> addresses = new ArrayList<>();
        metadata.path("addresses").forEach(address -> addresses.add(address.asString("")));
        return new JoinToken(
                metadata.path("serverName").asString(""),
                metadata.path("fingerprint").asString(""),
                List.copyOf(addresses),
                metadata.path("secret").asString(""),
                metadata.path("expiresAt").asString(""));
    }

    public String encode(JsonMapper json) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("server_name", serverName);
        fields.put("fingerprint", fingerprint);
        fields.put("addresses", addresses);
        fields.put("secret", secret);
        fields.put("expires_at", expiresAt);
        return Base64.getEncoder()
                .encodeToString(json.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8));
    }
}
