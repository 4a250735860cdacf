package dev.muster.agent.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the gateway's clustering endpoints, answering with LXD's envelopes: members, join tokens,
 * {@code PUT /1.0/cluster} and operation waits. Records what it was sent.
 */
final class FakeGateway implements AutoCloseable {

    record Request(String method, String path, String body) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Set<String> members = ConcurrentHashMap.newKeySet();
    final Map<String, String> failingOperations = new ConcurrentHashMap<>();
    volatile String joinError;
    private final HttpServer server;

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().toString();
            requests.add(new Request(exchange.getRequestMethod(), path, body));
            Answer answer = answer(exchange.getRequestMethod(), path, body);
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    private record Answer(int status, String json) {}

    private Answer answer(String method, String path, String body) {
        if (method.equals("GET") && path.startsWith("/1.0/cluster/members/")) {
            String name = path.substring("/1.0/cluster/members/".length());
            return members.contains(name)
                    ? sync("{\"server_name\":\"" + name + "\"}")
                    : error(404, "Cluster member not found");
        }
        if (method.equals("POST") && path.equals("/1.0/cluster/members")) {
            String name = body.replaceAll(".*\"server_name\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            return new Answer(202, """
                    {"type":"async","status":"Operation created","status_code":100,"operation":"/1.0/operations/token-%1$s",
                     "error_code":0,"error":"","metadata":{"id":"token-%1$s","class":"token","status":"Running",
                     "metadata":{"serverName":"%1$s","secret":"s3cret","fingerprint":"abcd","addresses":["10.0.0.1:8443"],
                                 "expiresAt":"2030-01-01T00:00:00Z"}}}""".formatted(name));
        }
        if (method.equals("PUT") && path.equals("/1.0/cluster")) {
            if (joinError != null && body.contains("cluster_token")) {
                return error(403, joinError);
            }
            String name = body.replaceAll(".*\"server_name\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            members.add(name);
            return new Answer(202, """
                    {"type":"async","status":"Operation created","status_code":100,"operation":"/1.0/operations/join-%1$s",
                     "error_code":0,"error":"","metadata":{"id":"join-%1$s","class":"task","status":"Running"}}""".formatted(name));
        }
        if (method.equals("GET") && path.startsWith("/1.0/operations/") && path.contains("/wait")) {
            String id = path.substring("/1.0/operations/".length(), path.indexOf("/wait"));
            String failure = failingOperations.get(id);
            return failure == null
                    ? sync("{\"id\":\"" + id + "\",\"status\":\"Success\",\"status_code\":200,\"err\":\"\"}")
                    : sync("{\"id\":\"" + id
                            + "\",\"description\":\"Joining cluster\",\"status\":\"Failure\",\"status_code\":400,\"err\":\""
                            + failure + "\"}");
        }
        return error(404, "not found");
    }

    private static Answer sync(String metadata) {
        return new Answer(
                200,
                "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0,"
                        + "\"error\":\"\",\"metadata\":" + metadata + "}");
    }

    private static Answer error(int code, String message) {
        return new Answer(
                code,
                "{\"type\":\"error\",\"status\":\"\",\"status_code\":0,\"operation\":\"\",\"error_code\":" + code
                        + ",\"error\":\"" + message + "\",\"metadata\":null}");
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
