package dev.muster.agent.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.testing.lxd.LxdDaemon;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The exec bridge against a real LXD daemon: exec and its websockets pass, nothing else does. */
class ExecBridgeTest {

    @RegisterExtension
    static final LxdDaemon lxd = new LxdDaemon();

    @TempDir
    static Path images;

    private static ExecBridge bridge;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void aRunningContainerAndItsBridge() throws Exception {
        Path tarball = LxdDaemon.busyboxImage(images);
        lxd.lxc("image", "import", tarball.toString(), "--alias", "busybox");
        lxd.lxc("launch", "busybox", "c1");
        bridge = ExecBridge.start("m1", lxd.socket(), "127.0.0.1", 0, "127.0.0.1");
    }

    @AfterAll
    static void closeBridge() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void execRunsInTheDaemonWithItsOutputOnTheStdoutWebsocketAndItsExitCodeInTheOperation() throws Exception {
        Exec exec = exec(List.of("sh", "-c", "echo hello; exit 3"));

        assertThat(exec.stdout()).isEqualTo("hello\n");
        assertThat(exec.operation().path("status").asString()).isEqualTo("Success");
        assertThat(exec.operation().path("metadata").path("return").asInt()).isEqualTo(3);
    }

    @Test
    void anExecOfAnUnknownInstanceIsTheDaemonsNotFound() throws Exception {
        HttpResponse<String> answer = post("/1.0/instances/nothing-here/exec", execBody(List.of("true")));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(json.readTree(answer.body()).path("error").asString()).containsIgnoringCase("not found");
    }

    @Test
    void nothingButExecAndItsOperationsPasses() throws Exception {
        HttpResponse<String> instances = get("/1.0/instances");
        HttpResponse<String> someOperation = get("/1.0/operations/" + java.util.UUID.randomUUID());

        assertThat(instances.statusCode()).isEqualTo(404);
        assertThat(json.readTree(instances.body()).path("type").asString()).isEqualTo("error");
        assertThat(someOperation.statusCode()).isEqualTo(404);
    }

    private record Exec(String stdout, JsonNode operation) {}

    private Exec exec(List<String> command) throws Exception {
        HttpResponse<String> answer = post("/1.0/instances/c1/exec", execBody(command));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode operation = json.readTree(answer.body()).path("metadata");
        String id = operation.path("id").asString();
        JsonNode fds = operation.path("metadata").path("fds");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        CompletableFuture<Void> stdoutEnded = new CompletableFuture<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (String fd : List.of("control", "0", "1", "2")) {
            URI uri = URI.create(bridge.url().replace("http://", "ws://") + "/1.0/operations/" + id
                    + "/websocket?secret=" + fds.path(fd).asString());
            sockets.add(http.newWebSocketBuilder()
                    .buildAsync(uri, fd.equals("1") ? collector(stdout, stdoutEnded) : new WebSocket.Listener() {})
                    .get(10, TimeUnit.SECONDS));
        }
        // LXD ends the operation only after the command's output is sent, so wait for the operation first: a failed
        // exec shows up as the operation's error instead of a silent timeout
        JsonNode finished = json.readTree(
                        get("/1.0/operations/" + id + "/wait?timeout=90").body())
                .path("metadata");
        assertThat(finished.path("status").asString()).as(finished.toString()).isEqualTo("Success");
        stdoutEnded.get(30, TimeUnit.SECONDS);
        sockets.forEach(WebSocket::abort);
        return new Exec(stdout.toString(StandardCharsets.UTF_8), finished);
    }

    private static WebSocket.Listener collector(ByteArrayOutputStream into, CompletableFuture<Void> ended) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                synchronized (into) {
                    into.writeBytes(bytes);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                // LXD 5.0 ends an output stream with an empty text message and may leave the connection open
                if (data.isEmpty() && last) {
                    ended.complete(null);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                ended.complete(null);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                ended.completeExceptionally(error);
            }
        };
    }

    private static Map<String, Object> execBody(List<String> command) {
        return Map.of(
                "command", command,
                "environment", Map.of(),
                "interactive", false,
                "wait-for-websocket", true,
                "record-output", false);
    }

    private static HttpResponse<String> post(String path, Object body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(bridge.url() + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(bridge.url() + path))
                        .timeout(Duration.ofSeconds(100))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
