package dev.muster.benchmarks;

import dev.muster.testing.stack.ServiceStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The cost of the internal mutual TLS on a service's own port: the same service (membership-service, from its jar,
 * as {@code ./muster up} runs it) once with its internal certificate required and once in plain HTTP (started with
 * {@code MUSTER_PKI=""}), each asked {@code GET /actuator/health/liveness} (no database) {@code --requests} times
 * one after another, over a new connection per request (TCP + TLS handshake with both certificates each time) and
 * over one kept-alive connection. Prints mean, p50 and p99 per request and requests/s for the four.
 *
 * <p>{@code ./muster bench internal-tls [--requests 2000] [--warmup 500]}
 */
public final class InternalTlsBenchmark {

    private static final String PATH = "/actuator/health/liveness";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int requests = Integer.parseInt(options.getOrDefault("requests", "2000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "500"));
        try (ServiceStack tls = ServiceStack.of("membership-service").start();
                ServiceStack plain = ServiceStack.of("membership-service")
                        .with("MUSTER_PKI", "")
                        .start()) {
            SSLContext client = tls.pki().sslContext("test-client");
            URI secured = tls.baseUrl("membership-service");
            URI open = plain.baseUrl("membership-service");
            System.out.printf("internal TLS cost, %d sequential requests each (GET %s)%n", requests, PATH);
            report("plain HTTP, new connection", measure(warmup, requests, () -> newConnection(null, open)));
            report("mTLS,       new connection", measure(warmup, requests, () -> newConnection(client, secured)));
            HttpClient plainClient = HttpClient.newHttpClient();
            report("plain HTTP, kept alive     ", measure(warmup, requests, () -> keptAlive(plainClient, open)));
            HttpClient tlsClient = HttpClient.newBuilder().sslContext(client).build();
            report("mTLS,       kept alive     ", measure(warmup, requests, () -> keptAlive(tlsClient, secured)));
        }
        System.exit(0); // the in-JVM Kafka broker's threads would keep the JVM alive
    }

    private interface Call {
        void run() throws Exception;
    }

    private static long[] measure(int warmup, int requests, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void report(String what, long[] nanos) {
        long total = Arrays.stream(nanos).sum();
        Arrays.sort(nanos);
        System.out.printf(
                "  %s  mean %6.2f ms  p50 %6.2f ms  p99 %6.2f ms  %7.0f requests/s%n",
                what,
                total / 1e6 / nanos.length,
                nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.99)] / 1e6,
                nanos.length / (total / 1e9));
    }

    /** One request on a connection of its own ({@code Connection: close}), TLS handshake included. */
    private static void newConnection(SSLContext tls, URI base) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), base.getPort());
        if (tls != null) {
            socket = tls.getSocketFactory().createSocket(socket, "127.0.0.1", base.getPort(), true);
            ((SSLSocket) socket).startHandshake();
        }
        try (Socket connection = socket) {
            OutputStream out = connection.getOutputStream();
            out.write(("GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = connection.getInputStream();
            byte[] answer = in.readAllBytes();
            if (!new String(answer, 0, Math.min(12, answer.length), StandardCharsets.US_ASCII).endsWith("200")) {
                throw new IllegalStateException("not a 200: " + new String(answer, StandardCharsets.US_ASCII));
            }
        }
    }

    private static void keptAlive(HttpClient client, URI base) throws IOException, InterruptedException {
        HttpResponse<String> answer =
                client.send(HttpRequest.newBuilder(base.resolve(PATH)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("not a 200: " + answer.statusCode());
        }
    }
}
