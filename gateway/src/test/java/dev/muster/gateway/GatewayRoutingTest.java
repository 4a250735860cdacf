package dev.muster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.testing.WithInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What the gateway answers itself, and how it fails when an owning service is away. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "muster.gateway.services.membership=http://127.0.0.1:9",
            "muster.gateway.services.scheduler=http://127.0.0.1:9",
            "muster.gateway.connect-timeout=1s"
        })
@WithInfrastructure
class GatewayRoutingTest {

    @LocalServerPort
    int port;

    GatewayClient gateway() {
        return new GatewayClient(port);
    }

    @Test
    void serverInfoSpeaksLxdsApiWithClustering() {
        GatewayClient.Answer answer = gateway().get("/1.0");

        var server = answer.body().get("metadata");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(server.get("api_version").asString()).isEqualTo("1.0");
        assertThat(server.get("api_status").asString()).isEqualTo("stable");
        assertThat(server.get("auth").asString()).isEqualTo("trusted");
        assertThat(server.get("api_extensions").valueStream().map(n -> n.asString()))
                .contains("clustering", "clustering_join_token", "api_filtering");
        assertThat(server.has("config")).isTrue();
        assertThat(server.has("environment")).isTrue();
    }

    @Test
    void anUnknownPathIs404WithLxdsNotFoundInItsEnvelope() {
        GatewayClient.Answer answer = gateway().get("/1.0/no-such-thing");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("type").asString()).isEqualTo("error");
        assertThat(answer.body().get("status").asString()).isEmpty();
        assertThat(answer.body().get("status_code").asInt()).isZero();
        assertThat(answer.body().get("operation").asString()).isEmpty();
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(404);
        assertThat(answer.body().get("error").asString()).isEqualTo("not found");
        assertThat(answer.body().get("metadata").isNull()).isTrue();
        assertThat(gateway().get("/2.0").status()).isEqualTo(404);
    }

    @Test
    void anUnreachableOwningServiceIs503NamingItRatherThanAHang() {
        GatewayClient.Answer answer = gateway().get("/1.0/cluster/members");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().get("type").asString()).isEqualTo("error");
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(503);
        assertThat(answer.body().get("error").asString()).contains("membership-service");
    }

    @Test
    void serverConfigurationChangesGoToMembership() {
        GatewayClient.Answer answer =
                gateway().send("PATCH", "/1.0", "{\"config\":{\"cluster.offline_threshold\":\"12\"}}");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().get("error").asString()).contains("membership-service");
    }

    @Test
    void aBodyForAnUnreachableServiceIsStillAnEnvelopeNotA500() {
        GatewayClient.Answer answer = gateway().send("POST", "/1.0/instances", "{not json");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().get("error").asString()).contains("scheduler-service");
    }
}
