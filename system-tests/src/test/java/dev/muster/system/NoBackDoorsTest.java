package dev.muster.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.internaltls.InternalPki;
import dev.muster.testing.TestPki;
import dev.muster.testing.stack.ServiceStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service's own port is no way around the gateway: it speaks TLS only and lets in only callers that present a
 * certificate of Muster's internal CA. Plain HTTP, HTTPS without a certificate and a certificate of another CA are
 * all refused, while the gateway (with its internal certificate) still reaches every service. A member agent's
 * certificate reaches only what an agent needs.
 */
class NoBackDoorsTest {

    /** The backend services and, for each, a request the gateway forwards to it. */
    private static final Map<String, String> SERVICES = Map.of(
            "membership-service", "/1.0/cluster",
            "scheduler-service", "/1.0/instances",
            "image-service", "/1.0/images",
            "health-monitor", "/1.0/cluster/members/nobody/state");

    private static ServiceStack stack;

    @BeforeAll
    static void start() {
        stack = ServiceStack.of("membership-service", "scheduler-service", "image-service", "health-monitor", "gateway")
                .start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void plainHttpToAServicePortGetsNothing() throws Exception {
        HttpClient plain =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (var service : SERVICES.entrySet()) {
            URI uri = URI.create("http://127.0.0.1:" + stack.port(service.getKey()) + service.getValue());
            HttpResponse<String> answer;
            try {
                answer = plain.send(request(uri), HttpResponse.BodyHandlers.ofString());
            } catch (IOException refused) {
                continue; // the connection was dropped: refused as well
            }
            assertThat(answer.statusCode())
                    .as("plain HTTP to %s", service.getKey())
                    .isEqualTo(400);
            assertThat(answer.body()).as("plain HTTP to %s", service.getKey()).doesNotContain("metadata");
        }
    }

    @Test
    void httpsWithoutAClientCertificateIsRefused() throws Exception {
        HttpClient noCertificate = client(null, stack.pki());
        for (var service : SERVICES.entrySet()) {
            URI uri = stack.baseUrl(service.getKey()).resolve(service.getValue());
            assertThatThrownBy(() -> noCertificate.send(request(uri), HttpResponse.BodyHandlers.ofString()))
                    .as("https without a certificate to %s", service.getKey())
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aCertificateOfAnotherAuthorityIsRefused() throws Exception {
        // it trusts the services' CA, so only the service's refusal of its certificate can stop it
        HttpClient stranger = client(TestPki.another().principal("gateway"), stack.pki());
        for (var service : SERVICES.entrySet()) {
            URI uri = stack.baseUrl(service.getKey()).resolve(service.getValue());
            assertThatThrownBy(() -> stranger.send(request(uri), HttpResponse.BodyHandlers.ofString()))
                    .as("a foreign certificate to %s", service.getKey())
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aCertificateOfTheInternalAuthorityGetsIn() throws Exception {
        HttpClient internal = stack.internalClient("test-client");
        for (var service : SERVICES.entrySet()) {
            URI uri = stack.baseUrl(service.getKey()).resolve(service.getValue());
            HttpResponse<String> answer = internal.send(request(uri), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(service.getKey()).isIn(200, 404);
            assertThat(answer.body()).as(service.getKey()).startsWith("{\"type\":");
        }
    }

    @Test
    void theGatewayStillReachesEveryService() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (var service : SERVICES.entrySet()) {
            HttpResponse<String> answer = client.send(
                    request(stack.gateway().resolve(service.getValue())), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode())
                    .as("%s through the gateway: %s", service.getKey(), answer.body())
                    .isIn(200, 404);
        }
    }

    @Test
    void aMemberAgentCertificateReachesOnlyWhatAnAgentNeeds() throws Exception {
        HttpClient agent = stack.internalClient("member-agent");
        URI images = stack.baseUrl("image-service");

        HttpResponse<String> list =
                agent.send(request(images.resolve("/1.0/images")), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> members = agent.send(
                request(stack.baseUrl("membership-service").resolve("/1.0/cluster/members")),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> export = agent.send(
                request(images.resolve("/1.0/images/" + "0".repeat(64) + "/export")),
                HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> refused : List.of(list, members)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("\"error\":\"not authorized\"");
        }
        assertThat(export.statusCode()).as(export.body()).isEqualTo(404); // let through: no such image
    }

    private static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    }

    /** A client presenting {@code principal}'s certificate (none if null) and trusting {@code trusted}'s CA. */
    private static HttpClient client(InternalPki principal, TestPki trusted) throws GeneralSecurityException {
        KeyManager[] keys = null;
        if (principal != null) {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(principal.keyStore(), principal.keyStorePassword());
            keys = factory.getKeyManagers();
        }
        KeyStore trustStore = trusted.principal("test-client").trustStore();
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }
}
