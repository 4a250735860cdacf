package dev.muster.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ClusterJoinerTest {

    private final FakeGateway gateway = startGateway();
    private final ClusterJoiner joiner = new ClusterJoiner(new GatewayClient(gateway.uri()));
    private final JsonMapper json = JsonMapper.builder().build();

    private static FakeGateway startGateway() {
        try {
            return new FakeGateway();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void bootstrapPutsTheClusterWithoutATokenAndWaitsForTheOperation() {
        assertThat(joiner.bootstrap("m1", "10.0.0.1:8443", "x86_64")).isEqualTo(ClusterJoiner.Outcome.BOOTSTRAPPED);

        FakeGateway.Request put = requestTo("PUT", "/1.0/cluster");
        JsonNode body = json.readTree(put.body());
        assertThat(body.path("server_name").asString()).isEqualTo("m1");
        assertThat(body.path("enabled").asBoolean()).isTrue();
        assertThat(body.path("server_address").asString()).isEqualTo("10.0.0.1:8443");
        assertThat(body.has("cluster_token")).isFalse();
        assertThat(gateway.requests)
                .extracting(FakeGateway.Request::path)
                .contains("/1.0/operations/join-m1/wait?timeout=30");
    }

    @Test
    void joiningWithATokenSendsTokenAddressAndArchitecture() {
        assertThat(joiner.join("m2", "10.0.0.2:8443", "dG9rZW4=", "aarch64")).isEqualTo(ClusterJoiner.Outcome.JOINED);

        JsonNode body = json.readTree(requestTo("PUT", "/1.0/cluster").body());
        assertThat(body.path("cluster_token").asString()).isEqualTo("dG9rZW4=");
        assertThat(body.path("architecture").asString()).isEqualTo("aarch64");
    }

    @Test
    void aMemberTheClusterAlreadyHasIsNotJoinedAgain() {
        gateway.members.add("m2");

        assertThat(joiner.join("m2", "10.0.0.2:8443", "dG9rZW4=", "x86_64"))
                .isEqualTo(ClusterJoiner.Outcome.ALREADY_MEMBER);
        assertThat(gateway.requests).noneMatch(request -> request.method().equals("PUT"));
    }

    @Test
    void aNewTokenIsBase64OfTheTokenOperationsMetadataInLxdsFieldNames() {
        String token = joiner.issueToken("m3");

        JsonNode decoded = json.readTree(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
        assertThat(decoded.path("server_name").asString()).isEqualTo("m3");
        assertThat(decoded.path("secret").asString()).isEqualTo("s3cret");
        assertThat(decoded.path("fingerprint").asString()).isEqualTo("abcd");
        assertThat(decoded.path("addresses").get(0).asString()).isEqualTo("10.0.0.1:8443");
        assertThat(decoded.path("expires_at").asString()).isEqualTo("2030-01-01T00:00:00Z");
    }

    @Test
    void anErrorEnvelopeFailsWithLxdsStatusAndMessage() {
        gateway.joinError = "No matching cluster join operation found";

        assertThatThrownBy(() -> joiner.join("m4", "10.0.0.4:8443", "dG9rZW4=", "x86_64"))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("403 No matching cluster join operation found");
    }

    @Test
    void aFailedOperationFailsWithItsError() {
        gateway.failingOperations.put("join-m5", "The cluster already has a member with address: 10.0.0.5:8443");

        assertThatThrownBy(() -> joiner.join("m5", "10.0.0.5:8443", "dG9rZW4=", "x86_64"))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("joining m5 to the cluster failed")
                .hasMessageContaining("Failure: The cluster already has a member with address: 10.0.0.5:8443");
    }

    @Test
    void anUnreachableGatewayIsNamed() {
        ClusterJoiner unreachable = new ClusterJoiner(new GatewayClient(URI.create("http://127.0.0.1:1")));

        assertThatThrownBy(() -> unreachable.bootstrap("m1", "10.0.0.1:8443", "x86_64"))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("cannot reach the gateway at http://127.0.0.1:1");
    }

    private FakeGateway.Request requestTo(String method, String path) {
        List<FakeGateway.Request> matching = gateway.requests.stream()
                .filter(request ->
                        request.method().equals(method) && request.path().equals(path))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
