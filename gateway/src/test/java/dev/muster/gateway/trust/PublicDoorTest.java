package dev.muster.gateway.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.certificates.Identity;
import dev.muster.testing.WithInfrastructure;
import dev.muster.testing.tls.HttpsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTPS door with LXD's trust model: the cluster certificate, untrusted clients, trust tokens, the trust store's
 * CRUD and its bad input. "Local" requests go through the gateway's local door (what the unix socket relays to).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "muster.gateway.services.membership=http://127.0.0.1:9",
            "muster.gateway.services.scheduler=http://127.0.0.1:9",
            "muster.gateway.connect-timeout=1s"
        })
@WithInfrastructure
class PublicDoorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int localPort;

    @Autowired
    HttpsDoor door;

    @Autowired
    JdbcTemplate jdbc;

    private URI https() {
        return URI.create("https://127.0.0.1:" + door.port());
    }

    @Test
    void untrustedClientSeesOnlyLxdsPublicFieldsAndTheClusterCertificateIsTheOneShownToTrustedClients() {
        HttpsClient anonymous = HttpsClient.anonymous(https());

        JsonNode untrusted = metadata(anonymous.get("/1.0"));
        JsonNode local = metadata(local("GET", "/1.0", null));

        assertThat(untrusted.get("auth").asString()).isEqualTo("untrusted");
        assertThat(untrusted.has("environment")).isFalse();
        assertThat(untrusted.has("config")).isFalse();
        assertThat(local.get("auth").asString()).isEqualTo("trusted");
        assertThat(local.at("/environment/certificate_fingerprint").asString())
                .isEqualTo(anonymous.serverFingerprint())
                .matches("[0-9a-f]{64}");
        assertThat(local.at("/environment/certificate").asString()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cluster_identity", Integer.class))
                .isOne();
    }

    @Test
    void untrustedClientIsRefusedWithLxdsNotAuthorized() {
        HttpsClient stranger = HttpsClient.with(https(), HttpsClient.newIdentity("stranger"));

        HttpsClient.Answer answer = stranger.get("/1.0/certificates");
        HttpsClient.Answer noToken = stranger.send("POST", "/1.0/certificates", "{\"type\":\"client\"}");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(error(answer)).isEqualTo("not authorized");
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(error(noToken)).isEqualTo("not authorized");
    }

    @Test
    void trustTokenLetsOneClientAddItsOwnCertificateOnce() {
        String token = issueToken("laptop");
        Identity laptop = HttpsClient.newIdentity("laptop");
        HttpsClient client = HttpsClient.with(https(), laptop);
        HttpsClient other = HttpsClient.with(https(), HttpsClient.newIdentity("other"));

        HttpsClient.Answer added =
                client.send("POST", "/1.0/certificates", "{\"type\":\"client\",\"password\":\"" + token + "\"}");
        HttpsClient.Answer reused =
                other.send("POST", "/1.0/certificates", "{\"type\":\"client\",\"password\":\"" + token + "\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(metadata(client.get("/1.0")).get("auth").asString()).isEqualTo("trusted");
        assertThat(client.get("/1.0/certificates").status()).isEqualTo(200);
        JsonNode stored = metadata(local("GET", "/1.0/certificates/" + laptop.fingerprint(), null));
        assertThat(stored.get("name").asString()).isEqualTo("laptop");
        assertThat(stored.get("type").asString()).isEqualTo("client");
        assertThat(reused.status()).isEqualTo(403);
        assertThat(error(reused)).isEqualTo("No matching certificate add operation found");
        assertThat(metadata(other.get("/1.0")).get("auth").asString()).isEqualTo("untrusted");
    }

    @Test
    void tokenSecretIsKeptOnlyHashedAndTheListedOperationCarriesNoSecret() {
        HttpResponse<String> issued = local("POST", "/1.0/certificates", "{\"name\":\"hashed\",\"token\":true}");
        JsonNode operation = body(issued).get("metadata");
        String secret = operation.at("/metadata/secret").asString();

        assertThat(secret).hasSize(64);
        assertThat(jdbc.queryForList("SELECT secret_sha256 FROM trust_tokens", String.class))
                .contains(TrustTokens.sha256(secret))
                .doesNotContain(secret);
        JsonNode listed =
                metadata(local("GET", "/1.0/operations/" + operation.get("id").asString(), null));
        assertThat(listed.get("class").asString()).isEqualTo("token");
        assertThat(listed.at("/metadata/secret").asString()).isEmpty();
        assertThat(listed.at("/metadata/request/name").asString()).isEqualTo("hashed");
    }

    @Test
    void revokedOrExpiredTokensAreRefused() {
        HttpResponse<String> issued = local("POST", "/1.0/certificates", "{\"name\":\"revoked\",\"token\":true}");
        String id = body(issued).at("/metadata/id").asString();
        String revoked = TrustTokens.encode(dev.muster.events.EventCodec.mapper()
                .treeToValue(body(issued).get("metadata"), dev.muster.events.operations.Operation.class));
        String expired = issueToken("late");
        jdbc.update("UPDATE trust_tokens SET expires_at = now() - interval '1 second' WHERE name = 'late'");
        HttpsClient client = HttpsClient.with(https(), HttpsClient.newIdentity("client"));

        assertThat(local("DELETE", "/1.0/operations/" + id, null).statusCode()).isEqualTo(200);
        HttpsClient.Answer withRevoked =
                client.send("POST", "/1.0/certificates", "{\"type\":\"client\",\"password\":\"" + revoked + "\"}");
        assertThat(withRevoked.status()).isEqualTo(403);
        assertThat(error(withRevoked)).isEqualTo("No matching certificate add operation found");
        assertThat(metadata(local("GET", "/1.0/operations/" + id, null))
                        .get("status")
                        .asString())
                .isEqualTo("Cancelled");
        HttpsClient.Answer withExpired =
                client.send("POST", "/1.0/certificates", "{\"type\":\"client\",\"password\":\"" + expired + "\"}");
        assertThat(withExpired.status()).isEqualTo(403);
        assertThat(error(withExpired)).isIn("Token has expired", "No matching certificate add operation found");
        assertThat(metadata(client.get("/1.0")).get("auth").asString()).isEqualTo("untrusted");
    }

    @Test
    void removingACertificateCutsItsClientOffAtItsNextRequest() {
        Identity identity = HttpsClient.newIdentity("leaving");
        HttpsClient client = HttpsClient.with(https(), identity);
        addByCertificate(identity, "client", "leaving");
        assertThat(client.get("/1.0/certificates").status()).isEqualTo(200);

        assertThat(local("DELETE", "/1.0/certificates/" + identity.fingerprint(), null)
                        .statusCode())
                .isEqualTo(200);

        HttpsClient.Answer after = client.get("/1.0/certificates"); // same client, kept-alive TLS connection
        assertThat(after.status()).isEqualTo(403);
        assertThat(error(after)).isEqualTo("not authorized");
    }

    @Test
    void metricsCertificateReachesOnlyMetrics() {
        Identity identity = HttpsClient.newIdentity("prometheus");
        addByCertificate(identity, "metrics", "prometheus");
        HttpsClient client = HttpsClient.with(https(), identity);

        assertThat(client.get("/1.0/certificates").status()).isEqualTo(403);
        assertThat(client.get("/1.0/instances").status()).isEqualTo(403);
        assertThat(client.get("/1.0/metrics").status()).isNotEqualTo(403);
        assertThat(metadata(client.get("/1.0")).get("auth").asString()).isEqualTo("untrusted");
    }

    @Test
    void certificatesAreListedShownEditedWithEtagsAndRemoved() {
        Identity identity = HttpsClient.newIdentity("edited");
        addByCertificate(identity, "client", "edited");
        String url = "/1.0/certificates/" + identity.fingerprint();

        assertThat(metadata(local("GET", "/1.0/certificates", null)).toString()).contains(url);
        assertThat(metadata(local("GET", "/1.0/certificates?recursion=1", null)).toString())
                .contains("\"name\":\"edited\"");
        HttpResponse<String> shown = local("GET", url.substring(0, url.length() - 50), null); // a unique prefix
        String etag = shown.headers().firstValue("ETag").orElseThrow();
        assertThat(localWithEtag("PATCH", url, "{\"name\":\"renamed\"}", "\"0000\"")
                        .statusCode())
                .isEqualTo(412);
        assertThat(localWithEtag("PATCH", url, "{\"name\":\"renamed\"}", etag).statusCode())
                .isEqualTo(200);
        assertThat(metadata(local("GET", url, null)).get("name").asString()).isEqualTo("renamed");
        assertThat(local(
                                "PUT",
                                url,
                                "{\"name\":\"put\",\"type\":\"metrics\",\"restricted\":true,\"projects\":[\"default\"]}")
                        .statusCode())
                .isEqualTo(200);
        JsonNode put = metadata(local("GET", url, null));
        assertThat(put.get("type").asString()).isEqualTo("metrics");
        assertThat(put.get("restricted").asBoolean()).isTrue();
        assertThat(local("DELETE", url, null).statusCode()).isEqualTo(200);
        HttpResponse<String> gone = local("GET", url, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(body(gone).get("error").asString()).isEqualTo("Certificate not found");
    }

    @Test
    void badCertificatesAreRefusedWithTheReasonAndTheSameOneTwiceIsAConflict() throws Exception {
        Identity expired = Identity.make("old", List.of(), Instant.now().minus(Duration.ofDays(3)), Duration.ofDays(1));
        Identity serverOnly = Identity.make(
                "srv", List.of(), Instant.now().minusSeconds(60), Duration.ofDays(1), Identity.Purpose.SERVER_ONLY);
        Identity twice = HttpsClient.newIdentity("twice");

        HttpResponse<String> garbage = local("POST", "/1.0/certificates", "{\"certificate\":\"bm90IGEgY2VydA==\"}");
        HttpResponse<String> old = local("POST", "/1.0/certificates", certificateBody(expired, "client", "old"));
        HttpResponse<String> server = local("POST", "/1.0/certificates", certificateBody(serverOnly, "client", "s"));
        HttpResponse<String> unknownType = local("POST", "/1.0/certificates", certificateBody(twice, "admin", "t"));
        HttpResponse<String> first = local("POST", "/1.0/certificates", certificateBody(twice, "client", "t"));
        HttpResponse<String> second = local("POST", "/1.0/certificates", certificateBody(twice, "client", "t"));

        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(body(garbage).get("error").asString()).startsWith("Invalid certificate material: malformed");
        assertThat(old.statusCode()).isEqualTo(400);
        assertThat(body(old).get("error").asString()).startsWith("Invalid certificate: certificate expired on");
        assertThat(server.statusCode()).isEqualTo(400);
        assertThat(body(server).get("error").asString()).startsWith("Invalid certificate: not a client certificate");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(body(second).get("error").asString()).isEqualTo("Certificate already in trust store");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM trusted_certificates WHERE fingerprint IN (?, ?)",
                        Integer.class,
                        expired.fingerprint(),
                        serverOnly.fingerprint()))
                .isZero();
    }

    private String issueToken(String name) {
        HttpResponse<String> issued = local("POST", "/1.0/certificates", "{\"name\":\"" + name + "\",\"token\":true}");
        assertThat(issued.statusCode()).isEqualTo(202);
        return TrustTokens.encode(dev.muster.events.EventCodec.mapper()
                .treeToValue(body(issued).get("metadata"), dev.muster.events.operations.Operation.class));
    }

    private void addByCertificate(Identity identity, String type, String name) {
        assertThat(local("POST", "/1.0/certificates", certificateBody(identity, type, name))
                        .statusCode())
                .isEqualTo(201);
    }

    private static String certificateBody(Identity identity, String type, String name) {
        try {
            return "{\"type\":\"" + type + "\",\"name\":\"" + name + "\",\"certificate\":\""
                    + Base64.getEncoder().encodeToString(identity.certificate().getEncoded()) + "\"}";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> local(String method, String path, String body) {
        return localWithEtag(method, path, body, null);
    }

    private HttpResponse<String> localWithEtag(String method, String path, String body, String etag) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (etag != null) {
            request.header("If-Match", etag);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode body(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static JsonNode metadata(HttpResponse<String> response) {
        return body(response).get("metadata");
    }

    private static JsonNode metadata(HttpsClient.Answer answer) {
        return JSON.readTree(answer.body()).get("metadata");
    }

    private static String error(HttpsClient.Answer answer) {
        return JSON.readTree(answer.body()).get("error").asString();
    }
}
