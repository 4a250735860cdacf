package dev.muster.gateway.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.muster.events.heartbeats.Heartbeat;
import dev.muster.testing.WithInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How exec fails before it reaches a daemon: each error is LXD's envelope with LXD's status, naming what is missing.
 * The scheduler is a stand-in that places {@code c1} on {@code m2}, {@code c3} on {@code m3}, and knows nothing else.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"muster.gateway.connect-timeout=1s"})
@WithInfrastructure
class ExecForwardingTest {

    private static final String EXEC = "{\"command\":[\"true\"],\"wait-for-websocket\":true,\"interactive\":false}";
    private static final HttpServer scheduler = scheduler();

    @LocalServerPort
    int port;

    @Autowired
    MemberBridges bridges;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add(
                "muster.gateway.services.scheduler",
                () -> "http://127.0.0.1:" + scheduler.getAddress().getPort());
    }

    @AfterAll
    static void stopScheduler() {
        scheduler.stop(0);
    }

    @Test
    void execOfAnInstanceTheClusterDoesNotKnowIsLxdsNotFound() throws Exception {
        HttpResponse<String> answer = exec("ghost");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(envelope(answer).path("error").asString()).isEqualTo("Instance not found");
    }

    @Test
    void execOnAMemberThatAnnouncesNoBridgeIs503NamingTheMember() throws Exception {
        HttpResponse<String> answer = exec("c1");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(envelope(answer).path("type").asString()).isEqualTo("error");
        assertThat(envelope(answer).path("error").asString()).contains("\"m2\"");
    }

    @Test
    void execOnAMemberWhoseBridgeDoesNotAnswerIs503NamingTheMember() throws Exception {
        bridges.learnt(new Heartbeat(
                "m3", 1, Instant.now(), "http://127.0.0.1:9/members/m3", null, false, "http://127.0.0.1:9"));

        HttpResponse<String> answer = exec("c3");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(envelope(answer).path("error").asString()).contains("\"m3\"", "does not answer");
    }

    @Test
    void aBridgeIsForgottenWithTheLastHeartbeatOfAPlannedStop() {
        bridges.learnt(new Heartbeat("m4", 1, Instant.now(), "", null, false, "http://127.0.0.1:7"));
        bridges.learnt(new Heartbeat("m4", 2, Instant.now(), "", null, true, "http://127.0.0.1:7"));

        assertThat(bridges.of("m4")).isEmpty();
    }

    @Test
    void anUnknownOperationsWebsocketIsStillTheGatewaysOwnNotFound() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/1.0/operations/"
                                + java.util.UUID.randomUUID() + "/websocket?secret=x"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(envelope(answer).path("type").asString()).isEqualTo("error");
    }

    private HttpResponse<String> exec(String instance) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/1.0/instances/" + instance + "/exec"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(EXEC))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode envelope(HttpResponse<String> answer) {
        return json.readTree(answer.body());
    }

    private static HttpServer scheduler() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/1.0/instances/", exchange -> {
                String name = exchange.getRequestURI().getPath().substring("/1.0/instances/".length());
                String member = name.equals("c1") ? "m2" : name.equals("c3") ? "m3" : null;
                String body = member == null
                        ? "{\"type\":\"error\",\"status\":\"\",\"status_code\":0,\"operation\":\"\",\"error_code\":404,"
                                + "\"error\":\"Instance not found\",\"metadata\":null}"
                        : "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\","
                                + "\"error_code\":0,\"error\":\"\",\"metadata\":{\"name\":\"" + name
                                + "\",\"status\":\"Running\",\"location\":\"" + member + "\"}}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(member == null ? 404 : 200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
