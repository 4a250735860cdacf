package dev.muster.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the gateway's LXD API, as curl would be: method, path, JSON body; answers status, envelope, headers. */
final class Lxd {

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        JsonNode metadata() {
            return body.get("metadata");
        }

        String error() {
            return body.get("error").asString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Lxd(int port) {
        base = "http://127.0.0.1:" + port;
    }

    Answer get(String path) {
        return send("GET", path, null, null);
    }

    Answer send(String method, String path, String body) {
        return send(method, path, body, null);
    }

    Answer send(String method, String path, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for an async answer's operation to finish and returns the finished operation. */
    JsonNode awaitOperation(Answer async) {
        String url = async.body().get("operation").asString();
        return get(url + "/wait?timeout=30").metadata();
    }

    /** Waits until the cluster has exactly {@code count} members, every one of them Online. */
    void awaitOnlineMembers(int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(180)).until(() -> {
            JsonNode members = get("/1.0/cluster/members?recursion=1").metadata();
            return members != null
                    && members.size() == count
                    && members.valueStream()
                            .allMatch(member -> member.get("status").asString().equals("Online"));
        });
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
