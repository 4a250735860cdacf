package dev.muster.benchmarks;

import dev.muster.certificates.Identity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How a benchmark reaches the gateway: plain HTTP, the HTTPS door with a certificate of its own (trusted through the
 * unix socket first, as {@code lxc config trust add} would), or the unix socket itself.
 */
interface GatewayTransport {

    record Answer(int status, String body) {}

    Answer send(String method, String path, String body) throws IOException, InterruptedException;

    String describe();

    /** {@code http://…} or {@code https://…} (then {@code unixSocket} trusts a new certificate), or {@code unix:PATH}. */
    static GatewayTransport of(String address, Path unixSocket) throws IOException, InterruptedException {
        if (address.startsWith("unix:")) {
            return new UnixSocket(Path.of(address.substring(5)));
        }
        URI uri = URI.create(address);
        if (!uri.getHost().equals("127.0.0.1") && !uri.getHost().equals("localhost")) {
            throw new IllegalArgumentException("the benchmark only sends traffic to loopback, not " + uri.getHost());
        }
        if (uri.getScheme().equals("https")) {
            Identity identity =
                    Identity.make("bench", List.of("bench"), Instant.now().minusSeconds(60), Duration.ofDays(1));
            Answer trusted = new UnixSocket(unixSocket)
                    .send(
                            "POST",
                            "/1.0/certificates",
                            "{\"type\":\"client\",\"name\":\"bench-"
                                    + identity.fingerprint().substring(0, 8) + "\",\"certificate\":\""
                                    + base64(identity.certificate()) + "\"}");
            if (trusted.status() != 201) {
                throw new IllegalStateException("cannot trust the benchmark's certificate: " + trusted.body());
            }
            return new Http(uri, identity);
        }
        return new Http(uri, null);
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    final class Http implements GatewayTransport {
        private final URI base;
        private final HttpClient http;

        Http(URI base, Identity identity) {
            this.base = base;
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .executor(Executors.newFixedThreadPool(4))
                    .connectTimeout(Duration.ofSeconds(5));
            if (identity != null) {
                try {
                    char[] password = "bench".toCharArray();
                    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    keys.init(identity.keyStore("bench", password), password);
                    SSLContext context = SSLContext.getInstance("TLS");
                    // loopback to our own stack: the cluster certificate is self-signed, as LXD's
                    context.init(keys.getKeyManagers(), new TrustManager[] {new AnyServer()}, null);
                    builder.sslContext(context);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
            this.http = builder.build();
        }

        @Override
        public Answer send(String method, String path, String body) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(base.resolve(path))
                            .method(
                                    method,
                                    body == null
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(body))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(35))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        }

        @Override
        public String describe() {
            return base.toString();
        }
    }

    /** One HTTP/1.1 request per connection over the unix socket ({@code Connection: close}). */
    final class UnixSocket implements GatewayTransport {
        private final Path socket;

        UnixSocket(Path socket) {
            this.socket = socket;
        }

        @Override
        public Answer send(String method, String path, String body) throws IOException {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                String head = method + " " + path + " HTTP/1.1\r\nHost: lxd\r\nConnection: close\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n";
                write(channel, head.getBytes(StandardCharsets.US_ASCII));
                write(channel, content);
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
                while (channel.read(buffer) >= 0) {
                    received.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                return parse(received.toString(StandardCharsets.UTF_8));
            }
        }

        private static void write(SocketChannel channel, byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        private static Answer parse(String response) {
            int end = response.indexOf("\r\n\r\n");
            if (end < 0) {
                return new Answer(0, response);
            }
            String head = response.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            String body = response.substring(end + 4);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                StringBuilder joined = new StringBuilder();
                int at = 0;
                while (true) {
                    int line = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, line).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    joined.append(body, line + 2, line + 2 + size);
                    at = line + 2 + size + 2;
                }
                body = joined.toString();
            }
            return new Answer(status, body);
        }

        @Override
        public String describe() {
            return "unix:" + socket;
        }
    }

    final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
