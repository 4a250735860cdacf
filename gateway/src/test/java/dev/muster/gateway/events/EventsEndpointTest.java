package dev.muster.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.membership.MemberJoined;
import dev.muster.events.operations.Operation;
import dev.muster.lxd.operations.Operations;
import dev.muster.testing.WithInfrastructure;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /1.0/events} is LXD's websocket: a client hears of operations as the gateway learns of them. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "muster.eventing.relay.idle-poll=200ms",
            // this test publishes operations and membership events through the gateway's own outbox, standing in
            // for the services that own those topics: it logs in to the broker as the super user, not as the
            // gateway (whose principal may write only its dead letters)
            "spring.application.name=events-endpoint-test"
        })
@WithInfrastructure
class EventsEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    Operations operations;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Outbox outbox;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aWebsocketClientReceivesTheOperationEventsOfAnOperationAsItRuns() throws Exception {
        Messages messages = new Messages();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/1.0/events?type=operation"), messages)
                .get(10, TimeUnit.SECONDS);

        Operation created = transactions.execute(tx -> operations.start(new Operations.Spec(
                "task", "Creating instance", Map.of("instances", List.of("/1.0/instances/c1")), Map.of(), false)));

        JsonNode event = messages.next(created.id());
        assertThat(event.get("type").asString()).isEqualTo("operation");
        assertThat(event.get("project").asString()).isEqualTo("default");
        assertThat(event.get("timestamp").asString()).isNotBlank();
        assertThat(event.get("location").asString()).isNotBlank();
        JsonNode operation = event.get("metadata");
        assertThat(operation.get("class").asString()).isEqualTo("task");
        assertThat(operation.get("description").asString()).isEqualTo("Creating instance");
        assertThat(operation.get("status").asString()).isEqualTo("Running");
        assertThat(operation.get("status_code").asInt()).isEqualTo(103);
        assertThat(operation.get("resources").get("instances").get(0).asString())
                .isEqualTo("/1.0/instances/c1");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientAskingForLifecycleEventsOnlyHearsNoOperation() throws Exception {
        Messages lifecycleOnly = new Messages();
        Messages all = new Messages();
        http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/1.0/events?type=lifecycle"), lifecycleOnly)
                .get(10, TimeUnit.SECONDS);
        http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/1.0/events"), all)
                .get(10, TimeUnit.SECONDS);

        Operation created = transactions.execute(
                tx -> operations.start(new Operations.Spec("task", "Creating instance", Map.of(), Map.of(), false)));

        all.next(created.id());
        assertThat(lifecycleOnly.received.poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aMemberJoiningIsALifecycleEventAsLxdReportsIt() throws Exception {
        Messages messages = new Messages();
        http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/1.0/events?type=lifecycle"), messages)
                .get(10, TimeUnit.SECONDS);

        JsonNode event = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (event == null && System.nanoTime() < deadline) {
            // published until heard: the gateway's consumer of membership reads from the end once it has joined
            transactions.executeWithoutResult(tx -> outbox.publish(
                    new MemberJoined("m7", "https://10.0.0.7:8443", "x86_64", "default", List.of(), List.of())));
            event = messages.received.poll(1, TimeUnit.SECONDS);
        }

        assertThat(event).as("a lifecycle event within 30 s").isNotNull();
        assertThat(event.get("type").asString()).isEqualTo("lifecycle");
        assertThat(event.get("metadata").get("action").asString()).isEqualTo("cluster-member-added");
        assertThat(event.get("metadata").get("source").asString()).isEqualTo("/1.0/cluster/members/m7");
        assertThat(event.get("metadata").get("context").isObject()).isTrue();
    }

    @Test
    void aPingIsAnsweredWithItsPong() throws Exception {
        Messages messages = new Messages();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/1.0/events"), messages)
                .get(10, TimeUnit.SECONDS);

        socket.sendPing(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));

        assertThat(messages.pongs.poll(10, TimeUnit.SECONDS)).isEqualTo("\u0001\u0002\u0003");
    }

    @Test
    void aPlainRequestAndAnUnknownTypeAreRefusedInLxdsEnvelope() throws Exception {
        HttpResponse<String> plain = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/1.0/events"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(json.readTree(plain.body()).get("type").asString()).isEqualTo("error");

        String unknown;
        try (Socket raw = new Socket("127.0.0.1", port)) {
            raw.getOutputStream()
                    .write(("GET /1.0/events?type=operation,gossip HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                                    + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            unknown = new String(raw.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(unknown).startsWith("HTTP/1.1 400").contains("'gossip' isn't a supported event type");
    }

    /** Collects text messages (whole) and pongs. */
    final class Messages implements WebSocket.Listener {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(json.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, java.nio.ByteBuffer message) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            pongs.add(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
            webSocket.request(1);
            return null;
        }

        /** The first event about operation {@code id}, within 30 s. */
        JsonNode next(String id) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode event = received.poll(1, TimeUnit.SECONDS);
                if (event != null && id.equals(event.path("metadata").path("id").asString(""))) {
                    return event;
                }
            }
            throw new AssertionError("no event about operation " + id + " within 30 s");
        }
    }
}
