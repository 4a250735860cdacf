package dev.muster.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.testing.WithInfrastructure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /1.0/cluster/members/{name}/state} answers LXD's {@code ClusterMemberState}, and the internal views. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "muster.health.grace-period=2s",
            "muster.health.probe-retry=1s",
            "muster.health.probe-timeout=500ms",
            "muster.health.heartbeat-group=health-monitor-test-${random.uuid}",
            "muster.eventing.relay.idle-poll=200ms"
        })
@WithInfrastructure
class MemberStateApiTest {

    @LocalServerPort
    int port;

    @Test
    void stateAnswersLxdsClusterMemberStateFromTheLatestHeartbeat() {
        String member = Fleet.uniqueName("state");
        Fleet.joined(member);
        MonitorClient monitor = new MonitorClient(port);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    Fleet.heartbeat(member, null, false);
                    return monitor.get("/1.0/cluster/members/" + member + "/state")
                                    .body()
                                    .path("metadata")
                                    .path("sysinfo")
                                    .path("total_ram")
                                    .asLong()
                            > 0;
                });
        MonitorClient.Answer answer = monitor.get("/1.0/cluster/members/" + member + "/state");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("type").asString()).isEqualTo("sync");
        JsonNode state = answer.body().get("metadata");
        assertThat(state.propertyNames()).containsExactlyInAnyOrder("sysinfo", "storage_pools");
        JsonNode sysinfo = state.get("sysinfo");
        assertThat(sysinfo.propertyNames())
                .containsExactlyInAnyOrder(
                        "uptime",
                        "load_averages",
                        "total_ram",
                        "free_ram",
                        "shared_ram",
                        "buffered_ram",
                        "total_swap",
                        "free_swap",
                        "processes",
                        "logical_cpus");
        assertThat(sysinfo.get("total_ram").asLong()).isEqualTo(8L << 30);
        assertThat(sysinfo.get("load_averages").valueStream().map(JsonNode::asDouble))
                .containsExactly(0.5, 0.25, 0.125);
        assertThat(sysinfo.get("logical_cpus").asInt()).isEqualTo(4);
        JsonNode pool = state.get("storage_pools").get("default");
        assertThat(pool.get("space").get("used").asLong()).isEqualTo(10L << 30);
        assertThat(pool.get("space").get("total").asLong()).isEqualTo(100L << 30);
        assertThat(pool.get("inodes").get("total").asLong()).isEqualTo(65536);
    }

    @Test
    void stateOfAMemberMembershipDoesNotKnowIsLxdsNotFound() {
        String stranger = Fleet.uniqueName("stranger");
        Fleet.heartbeat(stranger, null, false); // heard, but not a member

        MonitorClient.Answer answer = new MonitorClient(port).get("/1.0/cluster/members/" + stranger + "/state");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("type").asString()).isEqualTo("error");
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(404);
        assertThat(answer.body().get("error").asString()).isEqualTo("Cluster member not found");
    }

    @Test
    void theInternalViewsGiveTheSchedulerResourcesAndEveryMembersLiveness() {
        String member = Fleet.uniqueName("resources");
        Fleet.joined(member);
        MonitorClient monitor = new MonitorClient(port);

        // the heartbeat and the membership event travel on different topics: wait until the monitor has both
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    Fleet.heartbeat(member, null, false);
                    return monitor.get("/internal/members/" + member + "/resources")
                                    .body()
                                    .path("metadata")
                                    .path("cpu")
                                    .isObject()
                            && monitor.get("/internal/members")
                                    .body()
                                    .get("metadata")
                                    .valueStream()
                                    .anyMatch(m -> m.get("name").asString().equals(member)
                                            && m.get("known").asBoolean());
                });
        JsonNode resources =
                monitor.get("/internal/members/" + member + "/resources").body().get("metadata");
        List<JsonNode> members = monitor.get("/internal/members")
                .body()
                .get("metadata")
                .valueStream()
                .toList();

        assertThat(resources.get("cpu").get("architecture").asString()).isEqualTo("x86_64");
        assertThat(resources.get("cpu").get("total").asInt()).isEqualTo(4);
        assertThat(resources.get("memory").get("total").asLong()).isEqualTo(8L << 30);
        assertThat(resources.get("sysinfo").get("processes").asInt()).isEqualTo(321);
        assertThat(members)
                .filteredOn(m -> m.get("name").asString().equals(member))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.get("status").asString()).isEqualTo("online");
                    assertThat(m.get("known").asBoolean()).isTrue();
                    assertThat(m.get("last_heartbeat_age_seconds").asDouble()).isLessThan(10);
                });
        assertThat(monitor.get("/internal/members/" + Fleet.uniqueName("nobody") + "/resources")
                        .status())
                .isEqualTo(404);
    }
}
