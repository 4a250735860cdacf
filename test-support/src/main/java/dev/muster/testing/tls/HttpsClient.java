package dev.muster.testing.tls;

import dev.muster.certificates.Certificates;
import dev.muster.certificates.Identity;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client of the gateway's HTTPS door, as {@code lxc} is one: it presents a certificate of its own (or none) and
 * records the certificate the server presented, so a test can check it against {@code GET /1.0}. The server is not
 * verified by a CA (the cluster certificate is self-signed, as LXD's); tests compare fingerprints instead.
 */
public final class HttpsClient {

    /** An answer: status and body text. */
    public record Answer(int status, String body) {}

    private final HttpClient http;
    private final URI base;
    private final AtomicReference<X509Certificate> serverCertificate = new AtomicReference<>();

    private HttpsClient(URI base, Identity identity) {
        this.base = base;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] keys = null;
            if (identity != null) {
                char[] password = "test".toCharArray();
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(identity.keyStore("client", password), password);
                keys = factory.getKeyManagers();
            }
            context.init(keys, new TrustManager[] {new Recording()}, null);
            this.http = HttpClient.newBuilder()
                    .sslContext(context)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client presenting {@code identity}. */
    public static HttpsClient with(URI base, Identity identity) {
        return new HttpsClient(base, identity);
    }

    /** A client presenting no certificate at all. */
    public static HttpsClient anonymous(URI base) {
        return new HttpsClient(base, null);
    }

    /** A fresh client identity, valid now for a day, as {@code lxc} makes one in an empty configuration. */
    public static Identity newIdentity(String name) {
        return Identity.make(name, List.of(name), Instant.now().minusSeconds(60), Duration.ofDays(1));
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of the certificate the server presented at the last handshake. */
    public String serverFingerprint() {
        X509Certificate certificate = serverCertificate.get();
        return certificate == null ? "" : Certificates.fingerprint(certificate);
    }

    private final class Recording extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain.length == 0) {
                throw new CertificateException("the server presented no certificate");
            }
            serverCertificate.set(chain[0]);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
