package dev.muster.gateway.server;

import dev.muster.gateway.routing.GatewayProperties;
import dev.muster.gateway.routing.OwningService;
import dev.muster.lxd.web.internal.InternalCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code GET /1.0} needs from the membership service: the server configuration, whether the cluster is
 * enabled and its name. Asked with a short timeout; without an answer {@code GET /1.0} still answers.
 */
@Component
public class ClusterFacts {

    public record Facts(Map<String, Object> config, boolean clustered, String serverName) {
        static final Facts UNKNOWN = new Facts(Map.of(), false, "none");
    }

    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI server;

    ClusterFacts(GatewayProperties properties, InternalCalls internalCalls) {
        this.http =
                internalCalls.httpClient().connectTimeout(Duration.ofSeconds(1)).build();
        URI membership = properties.services().get(OwningService.MEMBERSHIP.key());
        this.server = membership == null ? null : membership.resolve("/internal/server");
    }

    @SuppressWarnings("unchecked")
    public Facts current() {
        if (server == null) {
            return Facts.UNKNOWN;
        }
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(server)
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Facts.UNKNOWN;
            }
            JsonNode metadata = json.readTree(answer.body()).get("metadata");
            return new Facts(
                    json.treeToValue(metadata.get("config"), Map.class),
                    metadata.get("server_clustered").asBoolean(),
                    metadata.get("server_name").asString());
        } catch (IOException | RuntimeException e) { // unreachable, unreadable or not yet clustered
            return Facts.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Facts.UNKNOWN;
        }
    }
}
