package dev.muster.agent.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks LXD's REST API to the gateway: requests answered with LXD's envelope, and LXD operations waited for.
 * Every error envelope becomes a {@link GatewayException} naming the request, the status and LXD's message.
 */
public final class GatewayClient {

    private final URI base;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public GatewayClient(URI base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public GatewayClient(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    public JsonMapper json() {
        return json;
    }

    /** Whether {@code GET /1.0/cluster/members/<name>} finds the member. */
    public boolean memberExists(String name) {
        HttpResponse<String> response = send(
                "GET",
                "/1.0/cluster/members/" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                null,
                Duration.ofSeconds(10));
        return response.statusCode() == 200;
    }

    /**
     * Sends a request and returns LXD's response envelope.
     *
     * @throws GatewayException for an error envelope, or an answer that is not one
     */
    public JsonNode request(String method, String path, Object body) {
        HttpResponse<String> response =
                send(method, path, body == null ? null : json.writeValueAsString(body), Duration.ofSeconds(30));
        JsonNode envelope = envelopeOf(method, path, response);
        if ("error".equals(envelope.path("type").asString("")) || response.statusCode() >= 400) {
            throw new GatewayException(method + " " + path + " failed: "
                    + envelope.path("error_code").asInt(response.statusCode()) + " "
                    + envelope.path("error").asString(""));
        }
        return envelope;
    }

    /**
     * Waits for an operation to finish ({@code GET <operation>/wait?timeout=N}) and returns it.
     *
     * @throws GatewayException if it failed, was cancelled or is still running after the timeout
     */
    public JsonNode awaitOperation(String operationPath, Duration timeout) {
        JsonNode operation = request("GET", operationPath + "/wait?timeout=" + Math.max(1, timeout.toSeconds()), null)
                .path("metadata");
        String status = operation.path("status").asString("");
        if (!"Success".equals(status)) {
            String error = operation.path("err").asString("");
            throw new GatewayException("operation " + operationPath + " ("
                    + operation.path("description").asString("") + ") ended " + status
                    + (error.isBlank() ? "" : ": " + error));
        }
        return operation;
    }

    private HttpResponse<String> send(String method, String path, String body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GatewayException(
                    "cannot reach the gateway at " + base + " (" + method + " " + path + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted while calling the gateway: " + method + " " + path, e);
        }
    }

    private JsonNode envelopeOf(String method, String path, HttpResponse<String> response) {
        try {
            JsonNode envelope = json.readTree(response.body());
            if (envelope == null || !envelope.isObject() || !envelope.has("type")) {
                throw new GatewayException(
                        method + " " + path + " answered " + response.statusCode() + " without LXD's envelope");
            }
            return envelope;
        } catch (JacksonException e) {
            throw new GatewayException(
                    method + " " + path + " answered " + response.statusCode() + " with something that is not JSON");
        }
    }
}
