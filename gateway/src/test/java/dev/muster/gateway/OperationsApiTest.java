package dev.muster.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.events.operations.Operation;
import dev.muster.lxd.operations.Operations;
import dev.muster.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operations travel as events: a service (here the gateway's own {@link Operations}, as any service would)
 * publishes them through its outbox to Kafka, and the gateway serves what it materialised.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "muster.eventing.relay.idle-poll=200ms",
            "muster.gateway.cancel-wait=10s",
            // the test's service publishes operations through the gateway's outbox, standing in for a service that
            // owns the operations topic: it logs in to the broker as the super user, not as the gateway
            "spring.application.name=operations-api-test"
        })
@WithInfrastructure
class OperationsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Operations operations;

    @Autowired
    TransactionTemplate transactions;

    GatewayClient gateway() {
        return new GatewayClient(port);
    }

    @Test
    void anOperationCreatedByAServiceIsServedWithLxdsFields() {
        Operation created = start(false);

        GatewayClient.Answer answer = awaitVisible(created.id());

        var op = answer.body().get("metadata");
        assertThat(answer.body().get("type").asString()).isEqualTo("sync");
        for (String field : List.of(
                "id",
                "class",
                "description",
                "created_at",
                "updated_at",
                "status",
                "status_code",
                "resources",
                "metadata",
                "may_cancel",
                "err",
                "location")) {
            assertThat(op.has(field)).as("field %s", field).isTrue();
        }
        assertThat(op.get("status").asString()).isEqualTo("Running");
        assertThat(op.get("status_code").asInt()).isEqualTo(103);
        assertThat(op.get("class").asString()).isEqualTo("task");
        assertThat(op.get("resources").get("cluster").get(0).asString()).isEqualTo("/1.0/cluster/members/m1");
    }

    @Test
    void waitReturnsAsSoonAsTheOperationCompletes() throws Exception {
        Operation created = start(false);
        awaitVisible(created.id());

        CompletableFuture<GatewayClient.Answer> waiting = CompletableFuture.supplyAsync(
                () -> gateway().get("/1.0/operations/" + created.id() + "/wait?timeout=60"));
        Thread.sleep(500);
        assertThat(waiting).isNotDone();
        transactions.executeWithoutResult(tx -> operations.succeed(created.id(), Map.of("answer", 42)));

        GatewayClient.Answer answer = waiting.get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("metadata").get("status").asString()).isEqualTo("Success");
        assertThat(answer.body().get("metadata").get("metadata").get("answer").asInt())
                .isEqualTo(42);
    }

    @Test
    void waitWithATimeoutReturnsTheStillRunningOperationAfterTheTimeout() {
        Operation created = start(false);
        awaitVisible(created.id());

        Instant asked = Instant.now();
        GatewayClient.Answer answer = gateway().get("/1.0/operations/" + created.id() + "/wait?timeout=1");
        Duration waited = Duration.between(asked, Instant.now());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("metadata").get("status").asString()).isEqualTo("Running");
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void waitOnAFinishedOperationAnswersAtOnce() {
        Operation created = start(false);
        transactions.executeWithoutResult(tx -> operations.fail(created.id(), "Instance \"c1\" failed to start"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> gateway()
                        .get("/1.0/operations/" + created.id())
                        .body()
                        .get("metadata")
                        .get("status")
                        .asString()
                        .equals("Failure"));

        GatewayClient.Answer answer = gateway().get("/1.0/operations/" + created.id() + "/wait");

        assertThat(answer.body().get("metadata").get("err").asString()).isEqualTo("Instance \"c1\" failed to start");
        assertThat(answer.body().get("metadata").get("status_code").asInt()).isEqualTo(400);
    }

    @Test
    void theListGroupsOperationsByStatusAsUrlsOrObjects() {
        Operation running = start(false);
        Operation done = start(false);
        transactions.executeWithoutResult(tx -> operations.succeed(done.id(), Map.of()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> gateway()
                        .get("/1.0/operations/" + done.id())
                        .body()
                        .get("metadata")
                        .get("status")
                        .asString()
                        .equals("Success"));

        var urls = gateway().get("/1.0/operations").body().get("metadata");
        var objects = gateway().get("/1.0/operations?recursion=1").body().get("metadata");

        assertThat(urls.get("running").valueStream().map(n -> n.asString()))
                .contains("/1.0/operations/" + running.id());
        assertThat(urls.get("success").valueStream().map(n -> n.asString())).contains("/1.0/operations/" + done.id());
        assertThat(objects.get("running").valueStream().map(n -> n.get("id").asString()))
                .contains(running.id());
    }

    @Test
    void cancellingACancellableOperationAsksItsOwnerAndEndsItCancelled() {
        Operation created = start(true);
        awaitVisible(created.id());

        GatewayClient.Answer answer = gateway().delete("/1.0/operations/" + created.id());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("type").asString()).isEqualTo("sync");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> gateway()
                        .get("/1.0/operations/" + created.id())
                        .body()
                        .get("metadata")
                        .get("status")
                        .asString()
                        .equals("Cancelled"));
        assertThat(operations.find(created.id()).orElseThrow().status()).isEqualTo("Cancelled");
    }

    @Test
    void cancellingAnOperationThatMayNotBeCancelledIs400() {
        Operation created = start(false);
        awaitVisible(created.id());

        GatewayClient.Answer answer = gateway().delete("/1.0/operations/" + created.id());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").asString()).isEqualTo("This operation can't be cancelled");
    }

    @Test
    void anUnknownOperationIs404InLxdsEnvelope() {
        GatewayClient.Answer answer = gateway().get("/1.0/operations/no-such-operation");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("type").asString()).isEqualTo("error");
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(404);
        assertThat(answer.body().get("error").asString()).isEqualTo("Operation not found");
        assertThat(gateway()
                        .get("/1.0/operations/no-such-operation/wait?timeout=1")
                        .status())
                .isEqualTo(404);
    }

    private Operation start(boolean mayCancel) {
        return transactions.execute(tx -> operations.start(new Operations.Spec(
                "task",
                "Evacuating cluster member",
                Map.of("cluster", List.of("/1.0/cluster/members/m1")),
                Map.of(),
                mayCancel)));
    }

    private GatewayClient.Answer awaitVisible(String id) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> gateway().get("/1.0/operations/" + id).status() == 200);
        return gateway().get("/1.0/operations/" + id);
    }
}
