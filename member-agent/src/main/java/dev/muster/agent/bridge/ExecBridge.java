package dev.muster.agent.bridge;

import dev.muster.agent.instances.lxd.UnixSocketHttp;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The member's door for {@code lxc exec}, as LXD forwards exec to the member that holds the instance: a small HTTP
 * relay to the member's own LXD daemon that lets through exactly {@code POST /1.0/instances/{name}/exec} and, for the
 * operations those created, {@code GET /1.0/operations/{id}}, {@code …/wait} and {@code …/websocket} (the websocket
 * relayed byte for byte, frames untouched, so control, stdin/stdout/stderr or the one interactive fd all work). Every
 * other request is refused with LXD's 404. One request per connection.
 */
public final class ExecBridge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExecBridge.class);

    private static final Pattern EXEC = Pattern.compile("/1\\.0/instances/([^/?]+)/exec");
    private static final Pattern OPERATION = Pattern.compile("/1\\.0/operations/([^/?]+)(/wait)?");
    private static final Pattern WEBSOCKET = Pattern.compile("/1\\.0/operations/([^/?]+)/websocket");
    private static final int MAX_BODY = 1 << 20;
    /** How long an exec operation stays reachable through the bridge after it was created. */
    private static final Duration REMEMBERED = Duration.ofDays(1);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String member;
    private final UnixSocketHttp daemon;
    private final ServerSocket server;
    private final String advertisedHost;
    private final Map<String, Instant> operations = new ConcurrentHashMap<>();

    private ExecBridge(String member, Path socket, ServerSocket server, String advertisedHost) {
        this.member = member;
        this.daemon = new UnixSocketHttp(socket);
        this.server = server;
        this.advertisedHost = advertisedHost;
    }

    /**
     * Listens on {@code bindHost:port} (0: any free port) and relays to the daemon's {@code socket}.
     *
     * @param advertisedHost the host in {@link #url()}, as the gateway reaches it
     */
    public static ExecBridge start(String member, Path socket, String bindHost, int port, String advertisedHost)
            throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(bindHost), port), 64);
        ExecBridge bridge = new ExecBridge(member, socket, server, advertisedHost);
        Thread.ofVirtual().name("exec-bridge-accept").start(bridge::acceptLoop);
        log.info("Member {} relays exec to its LXD daemon on {}", member, bridge.url());
        return bridge;
    }

    /** Where the gateway reaches it, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://" + advertisedHost + ":" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("exec-bridge").start(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("Accepting on the exec bridge failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            RequestHead head = RequestHead.read(in);
            String path = head.path();
            Matcher matcher;
            if ((matcher = EXEC.matcher(path)).matches() && head.method().equals("POST")) {
                exec(head, in, out);
            } else if ((matcher = WEBSOCKET.matcher(path)).matches()
                    && head.method().equals("GET")
                    && head.upgradesToWebSocket()
                    && operations.containsKey(matcher.group(1))) {
                websocket(head, in, client);
            } else if ((matcher = OPERATION.matcher(path)).matches()
                    && head.method().equals("GET")
                    && operations.containsKey(matcher.group(1))) {
                relay(head, null, out);
            } else {
                error(out, 404, "not found");
            }
        } catch (IOException e) {
            log.debug("An exec bridge connection ended: {}", e.getMessage());
        }
    }

    /** The exec request, relayed; the operation it starts is remembered, so that its websockets pass. */
    private void exec(RequestHead head, InputStream in, OutputStream out) throws IOException {
        long length;
        try {
            length = Long.parseLong(head.header("Content-Length"));
        } catch (NumberFormatException e) {
            error(out, 400, "An exec request needs a Content-Length");
            return;
        }
        if (length < 0 || length > MAX_BODY) {
            error(out, 400, "An exec request of " + length + " bytes is too large");
            return;
        }
        byte[] body = in.readNBytes((int) length);
        byte[] answer = relay(head, body, out);
        if (answer != null) {
            remember(answer);
        }
    }

    /** Relays a request and its answer; the answer's body, or null when the daemon did not answer. */
    private byte[] relay(RequestHead head, byte[] body, OutputStream out) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        int status;
        byte[] answer;
        try (UnixSocketHttp.Response response = daemon.send(
                head.method(), head.target(), headers, body == null ? null : UnixSocketHttp.Body.of(body))) {
            status = response.status();
            answer = response.readAll();
        } catch (IOException e) {
            error(out, 503, "The LXD daemon of member " + member + " is not reachable: " + e.getMessage());
            return null;
        }
        respond(out, status, answer);
        return answer;
    }

    private void remember(byte[] answer) {
        try {
            JsonNode envelope = JSON.readTree(answer);
            String id = envelope.path("metadata").path("id").asString("");
            if ("async".equals(envelope.path("type").asString("")) && !id.isEmpty()) {
                Instant now = Instant.now();
                operations.values().removeIf(created -> created.isBefore(now.minus(REMEMBERED)));
                operations.put(id, now);
            }
        } catch (JacksonException e) {
            log.debug("An exec answer was no JSON: {}", e.getMessage());
        }
    }

    /** The upgrade request goes to the daemon as it came; from then on bytes flow both ways untouched. */
    private void websocket(RequestHead head, InputStream in, Socket client) throws IOException {
        SocketChannel upstream;
        try {
            upstream = SocketChannel.open(UnixDomainSocketAddress.of(daemon.socket()));
        } catch (IOException e) {
            error(
                    client.getOutputStream(),
                    503,
                    "The LXD daemon of member " + member + " is not reachable: " + e.getMessage());
            return;
        }
        try (upstream) {
            OutputStream toDaemon = Channels.newOutputStream(upstream);
            toDaemon.write(head.encode());
            toDaemon.flush();
            Thread back = Thread.ofVirtual().name("exec-bridge-out").start(() -> {
                try {
                    Channels.newInputStream(upstream).transferTo(client.getOutputStream());
                } catch (IOException e) {
                    log.debug("The daemon's side of a websocket ended: {}", e.getMessage());
                } finally {
                    closeQuietly(client);
                }
            });
            try {
                in.transferTo(toDaemon);
                upstream.shutdownOutput();
            } catch (IOException e) {
                log.debug("The gateway's side of a websocket ended: {}", e.getMessage());
            }
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void respond(OutputStream out, int status, byte[] body) throws IOException {
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static void error(OutputStream out, int status, String message) throws IOException {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "error");
        envelope.put("status", "");
        envelope.put("status_code", 0);
        envelope.put("operation", "");
        envelope.put("error_code", status);
        envelope.put("error", message);
        envelope.put("metadata", null);
        respond(out, status, JSON.writeValueAsBytes(envelope));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
