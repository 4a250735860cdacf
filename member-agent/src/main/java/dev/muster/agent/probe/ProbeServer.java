package dev.muster.agent.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The agent's probe: {@code GET /members/<name>} answers 200 while that member's agent lives. The health monitor
 * calls it as a second, independent sign of life before it heals a silent member. One server answers for every
 * member of the process (one, or a whole simulated fleet).
 */
public final class ProbeServer implements AutoCloseable {

    private static final String PATH = "/members/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String advertisedHost;

    private ProbeServer(HttpServer server, ExecutorService executor, String advertisedHost) {
        this.server = server;
        this.executor = executor;
        this.advertisedHost = advertisedHost;
    }

    /**
     * Starts listening.
     *
     * @param bindHost the interface to listen on, e.g. {@code 127.0.0.1}
     * @param port 0 for any free port
     * @param advertisedHost the host put in probe URLs, as the health monitor reaches it
     * @param answers the answer for a member name
     */
    public static ProbeServer start(
            String bindHost, int port, String advertisedHost, Function<String, ProbeAnswer> answers)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindHost, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "member-agent-probe");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, answers));
        server.start();
        return new ProbeServer(server, executor, advertisedHost);
    }

    private static void answer(HttpExchange exchange, Function<String, ProbeAnswer> answers) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!path.startsWith(PATH) || path.length() == PATH.length()) {
                send(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            String member = URLDecoder.decode(path.substring(PATH.length()), StandardCharsets.UTF_8);
            ProbeAnswer answer = answers.apply(member);
            send(
                    exchange,
                    answer.status(),
                    "{\"member\":\"" + jsonEscaped(member) + "\",\"status\":\"" + answer.word() + "\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        }
    }

    private static String jsonEscaped(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL on which the member's probe answers, e.g. {@code http://127.0.0.1:41234/members/m2}. */
    public String urlOf(String member) {
        String host = advertisedHost.contains(":") && !advertisedHost.startsWith("[")
                ? "[" + advertisedHost + "]"
                : advertisedHost;
        return "http://" + host + ":" + port() + PATH + member;
    }

    /** Stops listening: probes are refused from now on. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
