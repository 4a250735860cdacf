package dev.muster.gateway.exec;

import dev.muster.gateway.events.EventHub;
import dev.muster.gateway.routing.GatewayProperties;
import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.internal.InternalCalls;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code lxc exec} through the gateway, as an LXD cluster forwards exec to the member that holds the instance: {@code
 * POST /1.0/instances/{name}/exec} goes to the bridge of the instance's member (the scheduler says which member, its
 * heartbeats say where its bridge is), and the operation it starts — {@code GET}, {@code /wait}, and its websockets
 * — is served from there too. The operation's end is announced on {@code /1.0/events}, which is how {@code lxc}
 * waits for it. Any other request passes on untouched.
 */
class ExecForwarding extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ExecForwarding.class);

    private static final Pattern EXEC = Pattern.compile("/1\\.0/instances/([^/]+)/exec");
    private static final Pattern OPERATION = Pattern.compile("/1\\.0/operations/([^/]+)(/wait)?");
    private static final Pattern WEBSOCKET = Pattern.compile("/1\\.0/operations/([^/]+)/websocket");
    private static final int MAX_BODY = 1 << 20;
    private static final int WAIT_SECONDS = 30;

    private final GatewayProperties properties;
    private final MemberBridges bridges;
    private final ExecOperations operations;
    private final EventHub events;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    ExecForwarding(
            GatewayProperties properties,
            MemberBridges bridges,
            ExecOperations operations,
            EventHub events,
            InternalCalls internalCalls) {
        this.properties = properties;
        this.bridges = bridges;
        this.operations = operations;
        this.events = events;
        this.http = internalCalls
                .httpClient() // the scheduler's port lets in only callers with an internal certificate
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        String method = request.getMethod();
        Matcher matcher;
        try {
            if ((matcher = EXEC.matcher(path)).matches() && method.equals("POST")) {
                exec(decode(matcher.group(1)), request, response);
                return;
            }
            if ((matcher = WEBSOCKET.matcher(path)).matches() && method.equals("GET")) {
                Optional<ExecOperations.Origin> origin = operations.of(matcher.group(1));
                if (origin.isPresent()) {
                    websocket(origin.get(), request, response);
                    return;
                }
            } else if ((matcher = OPERATION.matcher(path)).matches() && method.equals("GET")) {
                Optional<ExecOperations.Origin> origin = operations.of(matcher.group(1));
                if (origin.isPresent()) {
                    relayAnswer(origin.get(), forward(origin.get(), "GET", target(request), null), response);
                    return;
                }
            }
        } catch (MemberUnreachable e) {
            error(response, 503, e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(response, 503, "The gateway stopped while forwarding exec");
            return;
        }
        chain.doFilter(request, response);
    }

    private void exec(String instance, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            error(response, 400, "An exec request of more than " + MAX_BODY + " bytes is too large");
            return;
        }
        String project = Optional.ofNullable(request.getParameter("project")).orElse("default");
        HttpResponse<byte[]> located = locate(instance, project);
        if (located.statusCode() != 200) {
            relay(located.statusCode(), located.body(), response); // the scheduler's own error: LXD's 404
            return;
        }
        String member =
                json.readTree(located.body()).path("metadata").path("location").asString("");
        String bridge = bridges.of(member)
                .orElseThrow(() -> new MemberUnreachable("Member \"" + member
                        + "\" cannot run exec: its agent announces no bridge to an LXD daemon (not running, or"
                        + " simulated)"));
        ExecOperations.Origin origin = new ExecOperations.Origin(member, bridge, project, java.time.Instant.now());
        HttpResponse<byte[]> answer = forward(origin, "POST", target(request), body);
        if (answer.statusCode() == 202) {
            JsonNode operation = envelope(answer.body()).path("metadata");
            String id = operation.path("id").asString("");
            if (!id.isEmpty()) {
                operations.created(id, member, bridge, project);
                Thread.ofVirtual().name("exec-watch-" + id).start(() -> announceEnd(id));
            }
        }
        relayAnswer(origin, answer, response);
    }

    private HttpResponse<byte[]> locate(String instance, String project) throws IOException, InterruptedException {
        URI scheduler = properties.services().get("scheduler");
        if (scheduler == null) {
            throw new MemberUnreachable("Service scheduler-service is not configured");
        }
        URI uri = scheduler.resolve("/1.0/instances/" + URLEncoder.encode(instance, StandardCharsets.UTF_8)
                + "?project=" + URLEncoder.encode(project, StandardCharsets.UTF_8));
        try {
            return http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(properties.requestTimeout())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new MemberUnreachable("Service scheduler-service is unavailable: " + e.getMessage());
        }
    }

    private HttpResponse<byte[]> forward(ExecOperations.Origin origin, String method, String target, byte[] body)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin.bridgeUrl() + target))
                .timeout(properties.requestTimeout().plusSeconds(WAIT_SECONDS))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new MemberUnreachable("Member \"" + origin.member() + "\" is unreachable: its agent's bridge at "
                    + origin.bridgeUrl() + " does not answer");
        } catch (IOException e) {
            throw new MemberUnreachable("Member \"" + origin.member() + "\" is unreachable: " + e.getMessage());
        }
    }

    /** Waits for the end of an exec operation and tells {@code /1.0/events}: {@code lxc} waits for that event. */
    private void announceEnd(String id) {
        ExecOperations.Origin origin = operations.of(id).orElseThrow();
        try {
            while (true) {
                HttpResponse<byte[]> answer =
                        forward(origin, "GET", "/1.0/operations/" + id + "/wait?timeout=" + WAIT_SECONDS, null);
                JsonNode operation = located(envelope(answer.body()), origin).path("metadata");
                if (answer.statusCode() != 200 || operation.path("status_code").asInt(0) >= 200) {
                    if (operation.isObject()) {
                        events.publish("operation", origin.project(), origin.member(), operation);
                    }
                    return;
                }
            }
        } catch (MemberUnreachable e) {
            log.info("The end of exec operation {} on {} is unknown: {}", id, origin.member(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The upgrade goes to the member's bridge as the client sent it; once the daemon agrees, bytes flow both ways. */
    private void websocket(ExecOperations.Origin origin, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String key = request.getHeader("Sec-WebSocket-Key");
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade")) || key == null) {
            error(response, 400, "Missing websocket upgrade");
            return;
        }
        URI bridge = URI.create(origin.bridgeUrl());
        Socket member = new Socket();
        try {
            member.connect(new InetSocketAddress(bridge.getHost(), bridge.getPort()), (int)
                    properties.connectTimeout().toMillis());
        } catch (IOException e) {
            member.close();
            throw new MemberUnreachable("Member \"" + origin.member() + "\" is unreachable: its agent's bridge at "
                    + origin.bridgeUrl() + " does not answer");
        }
        try {
            OutputStream out = member.getOutputStream();
            String head = "GET " + target(request) + " HTTP/1.1\r\nHost: " + bridge.getAuthority()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: "
                    + Optional.ofNullable(request.getHeader("Sec-WebSocket-Version"))
                            .orElse("13")
                    + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            member.setSoTimeout((int) properties.requestTimeout().toMillis());
            InputStream in = member.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[1].equals("101")) {
                byte[] body = headers.containsKey("content-length")
                        ? in.readNBytes(Integer.parseInt(headers.get("content-length")))
                        : new byte[0];
                member.close();
                relay(parts.length < 2 ? 502 : Integer.parseInt(parts[1]), body, response);
                return;
            }
            member.setSoTimeout(0);
            response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
            response.setHeader("Upgrade", "websocket");
            response.setHeader("Connection", "Upgrade");
            response.setHeader("Sec-WebSocket-Accept", headers.getOrDefault("sec-websocket-accept", ""));
            request.upgrade(WebSocketRelay.class).attach(member);
        } catch (IOException | RuntimeException e) {
            member.close();
            throw e instanceof IOException io
                    ? new MemberUnreachable("Member \"" + origin.member() + "\" is unreachable: " + io.getMessage())
                    : (RuntimeException) e;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the bridge closed the connection in the middle of its answer");
            }
            if (bytes.size() > 16 * 1024) {
                throw new IOException("the bridge's answer has a head line that is too long");
            }
            bytes.write(b);
        }
        String line = bytes.toString(StandardCharsets.ISO_8859_1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private void relayAnswer(ExecOperations.Origin origin, HttpResponse<byte[]> answer, HttpServletResponse response)
            throws IOException {
        JsonNode envelope = envelope(answer.body());
        relay(
                answer.statusCode(),
                envelope.isObject() ? json.writeValueAsBytes(located(envelope, origin)) : answer.body(),
                response);
    }

    /** The operation says where it runs, as an LXD cluster's does: the member's name, not the daemon's "none". */
    private static JsonNode located(JsonNode envelope, ExecOperations.Origin origin) {
        if (envelope.path("metadata") instanceof ObjectNode operation && operation.has("location")) {
            operation.put("location", origin.member());
        }
        return envelope;
    }

    private JsonNode envelope(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }

    private static void relay(int status, byte[] body, HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void error(HttpServletResponse response, int status, String message) throws IOException {
        relay(status, json.writeValueAsBytes(LxdResponse.error(status, message)), response);
    }

    private static String target(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    /** The member (or the service that knows where it is) cannot be reached: LXD's 503 naming it. */
    private static final class MemberUnreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MemberUnreachable(String message) {
            super(message);
        }
    }
}
