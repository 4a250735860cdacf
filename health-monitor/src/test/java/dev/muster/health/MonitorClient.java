package dev.muster.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of a running health monitor. */
final class MonitorClient {

    record Answer(int status, JsonNode body) {}

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    MonitorClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer get(String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), json.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True once the monitor saved a heartbeat of the member. */
    boolean heard(String member) {
        return get("/internal/members")
                .body()
                .get("metadata")
                .valueStream()
                .anyMatch(m -> m.get("name").asString().equals(member)
                        && m.get("last_heartbeat").isString());
    }

    /** True once the monitor runs with the test thresholds and knows the member (membership said it joined). */
    boolean ready(String member) {
        JsonNode thresholds = get("/internal/thresholds").body().get("metadata");
        if (thresholds.get("offline_threshold").asLong() != 10
                || thresholds.get("healing_threshold").asLong() != 12) {
            return false;
        }
        for (JsonNode m : get("/internal/members").body().get("metadata")) {
            if (m.get("name").asString().equals(member) && m.get("known").asBoolean()) {
                return true;
            }
        }
        return false;
    }
}
