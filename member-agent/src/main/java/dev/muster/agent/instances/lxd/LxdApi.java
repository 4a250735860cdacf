package dev.muster.agent.instances.lxd;

import dev.muster.agent.instances.InstanceRuntimeException;
import dev.muster.agent.instances.lxd.UnixSocketHttp.Body;
import dev.muster.agent.instances.lxd.UnixSocketHttp.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LXD's REST API on its unix socket: requests with JSON bodies, answers in LXD's envelope ({@code sync}, {@code async}
 * with an operation, {@code error}), and background operations waited for with {@code GET
 * /1.0/operations/{id}/wait}. Errors become {@link LxdException}s with the daemon's own text; a socket that does not
 * answer becomes an {@link InstanceRuntimeException} saying so.
 */
final class LxdApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** How long one wait for an operation lasts before it is asked again (the operation itself may take longer). */
    private static final int WAIT_SECONDS = 30;

    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

    private final UnixSocketHttp http;

    LxdApi(Path socket) {
        this.http = new UnixSocketHttp(socket);
    }

    Path socket() {
        return http.socket();
    }

    /** The metadata of a {@code GET}. */
    JsonNode get(String target) {
        return call("GET", target, null);
    }

    /** Sends {@code body} as JSON (none if null); an operation the daemon starts is waited for. */
    JsonNode call(String method, String target, Object body) {
        Body json = body == null ? null : Body.of(JSON.writeValueAsBytes(body));
        return send(method, target, body == null ? Map.of() : JSON_HEADERS, json);
    }

    /** Sends a raw body (an image, a backup); an operation the daemon starts is waited for. */
    JsonNode send(String method, String target, Map<String, String> headers, Body body) {
        try (Response response = http.send(method, target, headers, body)) {
            return answer(response.status(), response.readAll());
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The raw answer to a {@code GET} (a backup's export); the caller closes it. An error answer is thrown. */
    Response stream(String target) {
        Response response;
        try {
            response = http.send("GET", target, Map.of(), null);
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (response.status() / 100 != 2) {
            try (response) {
                answer(response.status(), response.readAll());
            } catch (IOException e) {
                throw unreachable(e);
            }
            throw new LxdException(response.status(), "HTTP " + response.status());
        }
        return response;
    }

    private JsonNode answer(int status, byte[] body) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new LxdException(status, "The LXD daemon answered HTTP " + status + " with no JSON envelope");
        }
        String type = envelope.path("type").asString("");
        if (type.equals("error") || status / 100 != 2) {
            throw new LxdException(
                    envelope.path("error_code").asInt(status),
                    envelope.path("error").asString("HTTP " + status));
        }
        if (type.equals("async")) {
            return waitFor(envelope.path("operation").asString());
        }
        return envelope.path("metadata");
    }

    /** Waits until the operation ends; its metadata's {@code metadata} on success, else its {@code err} thrown. */
    JsonNode waitFor(String operation) {
        while (true) {
            JsonNode op = get(operation + "/wait?timeout=" + WAIT_SECONDS);
            String status = op.path("status").asString("");
            switch (status) {
                case "Success" -> {
                    return op.path("metadata");
                }
                case "Failure", "Cancelled" ->
                    throw new LxdException(0, op.path("err").asString(status));
                default -> {
                    // still running: ask again
                }
            }
        }
    }

    private InstanceRuntimeException unreachable(IOException e) {
        return new InstanceRuntimeException(
                "The LXD daemon at " + http.socket() + " did not answer: " + e.getMessage(), e);
    }
}
