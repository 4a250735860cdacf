package dev.muster.system;

import static dev.muster.system.Lxd.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.events.EventCodec;
import dev.muster.events.PublicEvent;
import dev.muster.events.PublicEvents;
import dev.muster.events.health.MemberCameOnline;
import dev.muster.events.health.MemberWentOffline;
import dev.muster.events.images.ImageReplicaStored;
import dev.muster.events.instances.InstancePlaced;
import dev.muster.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The membership story of LXD, told through the gateway to a membership-service process, with real Kafka and
 * PostgreSQL: bootstrap, tokens, joins (and refused ones), edits, groups, renames, removals, roles after
 * each step, and a crash of the service that loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MembershipThroughTheGatewayTest {

    // no image service here: a sole holder's images cannot be copied elsewhere, so the removal is refused soon
    @RegisterExtension
    static final MusterStack stack =
            MusterStack.of("membership-service", "gateway").with("MUSTER_MEMBERSHIP_REMOVAL_IMAGE_WAIT", "2s");

    static Lxd lxd;

    @BeforeAll
    static void client() {
        lxd = stack.lxd();
    }

    @Test
    @Order(1)
    void bootstrappingMakesTheFirstMemberTheLeader() {
        assertThat(lxd.get("/1.0/cluster").metadata().get("enabled").asBoolean())
                .isFalse();

        Lxd.Answer bootstrap = lxd.send(
                "PUT", "/1.0/cluster", json("{'server_name':'m1','enabled':true,'server_address':'10.0.0.1:8443'}"));

        assertThat(bootstrap.status()).isEqualTo(202);
        assertThat(lxd.awaitOperation(bootstrap).get("status").asString()).isEqualTo("Success");
        JsonNode m1 = lxd.get("/1.0/cluster/members/m1").metadata();
        assertThat(m1.get("status").asString()).isEqualTo("Online");
        assertThat(m1.get("message").asString()).isEqualTo("Fully operational");
        assertThat(m1.get("url").asString()).isEqualTo("https://10.0.0.1:8443");
        assertThat(strings(m1.get("roles"))).containsExactly("database-leader", "database");
        assertThat(m1.get("database").asBoolean()).isTrue();
        assertThat(strings(m1.get("groups"))).containsExactly("default");
        assertThat(lxd.get("/1.0/cluster").metadata().get("enabled").asBoolean())
                .isTrue();
    }

    @Test
    @Order(2)
    void joiningFourMoreMembersGivesThreeVotersAndTwoStandbys() {
        for (int i = 2; i <= 5; i++) {
            join("m" + i, token("m" + i));
        }

        assertThat(roles())
                .containsExactly(
                        Map.entry("m1", List.of("database-leader", "database")),
                        Map.entry("m2", List.of("database")),
                        Map.entry("m3", List.of("database")),
                        Map.entry("m4", List.of("database-standby")),
                        Map.entry("m5", List.of("database-standby")));
        assertThat(strings(lxd.get("/1.0/cluster/members").metadata()))
                .containsExactly(
                        "/1.0/cluster/members/m1",
                        "/1.0/cluster/members/m2",
                        "/1.0/cluster/members/m3",
                        "/1.0/cluster/members/m4",
                        "/1.0/cluster/members/m5");
    }

    @Test
    @Order(3)
    void aTokenIsSingleUseBoundToItsNameAndForgeriesAreRefused() {
        String token = token("m6");
        join("m6", token);

        Lxd.Answer reused = joinAnswer("m6", token, "10.0.0.60:8443");
        assertThat(reused.status()).isEqualTo(403);
        assertThat(reused.error()).isEqualTo("No matching cluster join operation found");

        String forOther = token("m7");
        Lxd.Answer wrongName = joinAnswer("m8", forOther, "10.0.0.8:8443");
        assertThat(wrongName.status()).isEqualTo(403);

        Lxd.Answer forged = joinAnswer("m7", "not-a-token", "10.0.0.7:8443");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.error()).isEqualTo("Forbidden");
    }

    @Test
    @Order(4)
    void anExpiredTokenIsRefused() throws Exception {
        assertThat(lxd.send("PATCH", "/1.0", json("{'config':{'cluster.join_token_expiry':'1S'}}"))
                        .status())
                .isEqualTo(200);
        Lxd.Answer issued = lxd.send("POST", "/1.0/cluster/members", json("{'server_name':'m9'}"));
        String token = tokenOf(issued.metadata());
        Instant expiresAt =
                Instant.parse(issued.metadata().get("metadata").get("expiresAt").asString());
        assertThat(expiresAt).isBefore(Instant.now().plusSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expiresAt));

        Lxd.Answer expired = joinAnswer("m9", token, "10.0.0.9:8443");

        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.error()).isEqualTo("Token has expired");
        assertThat(lxd.send("PATCH", "/1.0", json("{'config':{'cluster.join_token_expiry':''}}"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    @Order(5)
    void revokingATokenByCancellingItsOperationMakesItUseless() {
        Lxd.Answer issued = lxd.send("POST", "/1.0/cluster/members", json("{'server_name':'m10'}"));
        String token = tokenOf(issued.metadata());
        assertThat(lxd.send("DELETE", issued.body().get("operation").asString(), null)
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> joinAnswer("m10", token, "10.0.0.10:8443").status() == 403);
        assertThat(lxd.get(issued.body().get("operation").asString())
                        .metadata()
                        .get("status")
                        .asString())
                .isEqualTo("Cancelled");
    }

    @Test
    @Order(6)
    void editingAMemberHonoursItsEtag() {
        Lxd.Answer before = lxd.get("/1.0/cluster/members/m4");
        String etag = before.raw().headers().firstValue("ETag").orElseThrow();

        Lxd.Answer edited = lxd.send(
                "PUT",
                "/1.0/cluster/members/m4",
                json(
                        "{'description':'rack 2','failure_domain':'rack2','roles':['event-hub'],'config':{'scheduler.instance':'manual','user.a':'b'},'groups':['default']}"),
                etag);
        Lxd.Answer stale =
                lxd.send("PATCH", "/1.0/cluster/members/m4", json("{'description':'x','groups':['default']}"), etag);
        Lxd.Answer badRole =
                lxd.send("PUT", "/1.0/cluster/members/m4", json("{'roles':['database-leader'],'groups':['default']}"));
        Lxd.Answer badKey =
                lxd.send("PUT", "/1.0/cluster/members/m4", json("{'config':{'core.x':'1'},'groups':['default']}"));
        Lxd.Answer noGroup = lxd.send("PUT", "/1.0/cluster/members/m4", json("{'groups':[]}"));

        assertThat(edited.status()).isEqualTo(200);
        JsonNode m4 = lxd.get("/1.0/cluster/members/m4").metadata();
        assertThat(m4.get("description").asString()).isEqualTo("rack 2");
        assertThat(m4.get("failure_domain").asString()).isEqualTo("rack2");
        assertThat(strings(m4.get("roles"))).startsWith("event-hub");
        assertThat(m4.get("config").get("scheduler.instance").asString()).isEqualTo("manual");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.error())
                .isEqualTo("The automatically assigned \"database-leader\" role cannot be added manually");
        assertThat(badKey.error()).isEqualTo("Invalid cluster configuration key \"core.x\"");
        assertThat(noGroup.error()).isEqualTo("Cluster members need to belong to at least one group");
    }

    @Test
    @Order(6)
    void aConfigValueTooLargeForOneEventIsRefusedNamingItsKeyAndTheMembersNextChangeStillGoesThrough() {
        String blob = "x".repeat(600 * 1024);
        Lxd.Answer tooLarge = lxd.send(
                "PATCH",
                "/1.0/cluster/members/m4",
                "{\"config\":{\"user.blob\":\"" + blob + "\"},\"groups\":[\"default\"]}");

        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.error())
                .startsWith("Value of \"config[\"user.blob\"]\" is too large")
                .endsWith("over the limit of 512 KiB for one event");
        assertThat(lxd.get("/1.0/cluster/members/m4").metadata().get("config").has("user.blob"))
                .isFalse();

        Lxd.Answer next = lxd.send("PATCH", "/1.0/cluster/members/m4", json("{'description':'after the refusal'}"));
        assertThat(next.status()).isEqualTo(200);
        assertThat(lxd.get("/1.0/cluster/members/m4")
                        .metadata()
                        .get("description")
                        .asString())
                .isEqualTo("after the refusal");
    }

    @Test
    @Order(7)
    void groupsHoldMembersAndTheDefaultGroupStays() {
        assertThat(lxd.send(
                                "POST",
                                "/1.0/cluster/groups",
                                json("{'name':'gpu','description':'GPU hosts','members':['m2','m3']}"))
                        .status())
                .isEqualTo(201);
        assertThat(lxd.send("POST", "/1.0/cluster/groups", json("{'name':'gpu'}"))
                        .status())
                .isEqualTo(409);
        assertThat(strings(lxd.get("/1.0/cluster/groups/gpu").metadata().get("members")))
                .containsExactly("m2", "m3");
        assertThat(lxd.send("POST", "/1.0/cluster/groups/default", json("{'name':'other'}"))
                        .status())
                .isEqualTo(403);
        assertThat(lxd.send("DELETE", "/1.0/cluster/groups/default", null).error())
                .isEqualTo("The 'default' cluster group cannot be deleted");
        assertThat(lxd.send("DELETE", "/1.0/cluster/groups/gpu", null).error())
                .isEqualTo("Only empty cluster groups can be removed");
        assertThat(lxd.send("POST", "/1.0/cluster/groups/gpu", json("{'name':'accel'}"))
                        .status())
                .isEqualTo(201);
        assertThat(strings(lxd.get("/1.0/cluster/members/m2").metadata().get("groups")))
                .containsExactly("default", "accel");
        assertThat(lxd.send("PUT", "/1.0/cluster/groups/accel", json("{'description':'','members':[]}"))
                        .status())
                .isEqualTo(200);
        assertThat(lxd.send("DELETE", "/1.0/cluster/groups/accel", null).status())
                .isEqualTo(200);
        assertThat(lxd.get("/1.0/cluster/groups/accel").status()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void renamingKeepsTheMemberAndRefusesATakenName() {
        assertThat(lxd.send("POST", "/1.0/cluster/members/m6", json("{'server_name':'m2'}"))
                        .status())
                .isEqualTo(409);
        assertThat(lxd.send("POST", "/1.0/cluster/members/m6", json("{'server_name':'m60'}"))
                        .status())
                .isEqualTo(200);
        assertThat(lxd.get("/1.0/cluster/members/m6").status()).isEqualTo(404);
        assertThat(lxd.get("/1.0/cluster/members/m60").metadata().get("status").asString())
                .isEqualTo("Online");
    }

    @Test
    @Order(9)
    void removingAVoterPromotesAReplacement() {
        assertThat(lxd.send("DELETE", "/1.0/cluster/members/m3", null).status()).isEqualTo(200);
        assertThat(lxd.send("DELETE", "/1.0/cluster/members/m60?force=1", null).status())
                .isEqualTo(200);

        Map<String, List<String>> roles = roles();
        assertThat(roles).doesNotContainKeys("m3", "m60");
        assertThat(roles.values().stream().filter(r -> r.contains("database")).count())
                .isEqualTo(3);
        assertThat(roles.get("m1")).contains("database-leader");
    }

    @Test
    @Order(10)
    void aKilledMembershipServiceComesBackWithTheSameState() throws Exception {
        String before = lxd.get("/1.0/cluster/members?recursion=1").body().toString();
        String groupsBefore = lxd.get("/1.0/cluster/groups?recursion=1").body().toString();

        stack.kill("membership-service");
        stack.start("membership-service");
        stack.awaitHealthy("membership-service");

        assertThat(lxd.get("/1.0/cluster/members?recursion=1").body().toString())
                .isEqualTo(before);
        assertThat(lxd.get("/1.0/cluster/groups?recursion=1").body().toString()).isEqualTo(groupsBefore);
    }

    @Test
    @Order(11)
    void badInputIsA4xxEnvelopeNeverA500() {
        List<Lxd.Answer> answers = List.of(
                lxd.send("PUT", "/1.0/cluster/members/m1", "{not json"),
                lxd.send("PUT", "/1.0/cluster/members/m1", json("{'description': 5, 'groups':['default']}")),
                lxd.send("POST", "/1.0/cluster/members", json("{'server_name':''}")),
                lxd.send("POST", "/1.0/cluster/members", json("{'server_name':'@group'}")),
                lxd.send("POST", "/1.0/cluster/groups", json("{'name':'@x'}")),
                lxd.send("PATCH", "/1.0", json("{'config':{'cluster.nope':'1'}}")),
                lxd.send("PATCH", "/1.0", json("{'config':{'cluster.max_voters':'4'}}")),
                lxd.send("PATCH", "/1.0", json("{'config':{'cluster.offline_threshold':'5'}}")),
                lxd.send("POST", "/1.0/cluster/members/m1/state", json("{'action':'dance'}")),
                lxd.send(
                        "PUT",
                        "/1.0/cluster/members/m1",
                        "{\"description\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}"));
        for (Lxd.Answer answer : answers) {
            assertThat(answer.status()).as(answer.body().toString()).isBetween(400, 499);
            assertThat(answer.body().get("type").asString()).isEqualTo("error");
        }
        assertThat(answers.get(6).error()).contains("cluster.max_voters");
    }

    @Test
    @Order(12)
    void aJoinerMustAnswerTheMemberSpecificKeysOfStoragePools() {
        assertThat(lxd.send(
                                "POST",
                                "/1.0/storage-pools?target=m1",
                                json("{'name':'local','driver':'zfs','config':{'source':'/dev/sdb'}}"))
                        .status())
                .isEqualTo(200);
        assertThat(lxd.send(
                                "POST",
                                "/1.0/storage-pools",
                                json("{'name':'local','driver':'zfs','config':{'source':'/dev/sdx'}}"))
                        .status())
                .isEqualTo(400);
        assertThat(lxd.send("POST", "/1.0/storage-pools", json("{'name':'local','driver':'zfs'}"))
                        .status())
                .isEqualTo(200);
        JsonNode memberConfig = lxd.get("/1.0/cluster").metadata().get("member_config");
        assertThat(memberConfig.get(0).get("entity").asString()).isEqualTo("storage-pool");
        assertThat(memberConfig.get(0).get("key").asString()).isEqualTo("source");
        assertThat(memberConfig.get(0).get("description").asString())
                .isEqualTo("\"source\" property for storage pool \"local\"");

        String token = token("m20");
        Lxd.Answer unanswered = joinAnswer("m20", token, "10.0.0.20:8443");
        assertThat(unanswered.status()).isEqualTo(400);
        assertThat(unanswered.error()).contains("Missing member-specific configuration", "source");
        Lxd.Answer answered = lxd.send(
                "PUT",
                "/1.0/cluster",
                json(
                        "{'server_name':'m20','enabled':true,'server_address':'10.0.0.20:8443'," + "'cluster_token':'"
                                + token
                                + "','member_config':[{'entity':'storage-pool','name':'local','key':'source','value':'/dev/sdc'}]}"));
        assertThat(answered.status()).as(answered.body().toString()).isEqualTo(202);
        assertThat(lxd.get("/1.0/storage-pools/local?target=m20")
                        .metadata()
                        .get("config")
                        .get("source")
                        .asString())
                .isEqualTo("/dev/sdc");
        assertThat(strings(lxd.get("/1.0/storage-pools/local").metadata().get("locations")))
                .containsExactly("m1", "m20");
    }

    @Test
    @Order(13)
    void aMemberHoldingInstancesOrTheOnlyCopyOfAnImageIsRemovedOnlyWithForce() throws Exception {
        publishAndAwaitConsumed(
                "membership-service-holdings",
                new InstancePlaced("c1", "default", "m5", "new"),
                new ImageReplicaStored("f00d", "m4"));

        Lxd.Answer busy = lxd.send("DELETE", "/1.0/cluster/members/m5", null);
        Lxd.Answer soleCopy = lxd.send("DELETE", "/1.0/cluster/members/m4", null);

        assertThat(busy.status()).isEqualTo(400);
        assertThat(busy.error()).isEqualTo("Node still has the following instances: c1");
        assertThat(soleCopy.status()).isEqualTo(400);
        assertThat(soleCopy.error()).isEqualTo("Node still has the following images: f00d");
        assertThat(lxd.send("DELETE", "/1.0/cluster/members/m5?force=1", null).status())
                .isEqualTo(200);
    }

    @Test
    @Order(14)
    void healthEventsTurnAMemberOfflineAndBackWithLxdsMessages() throws Exception {
        publishAndAwaitConsumed(
                "membership-service-health",
                new MemberWentOffline("m2", Instant.now().minusSeconds(25), 20));

        JsonNode offline = lxd.get("/1.0/cluster/members/m2").metadata();
        assertThat(offline.get("status").asString()).isEqualTo("Offline");
        assertThat(offline.get("message").asString()).startsWith("No heartbeat for 25s (");
        assertThat(strings(offline.get("roles"))).doesNotContain("database", "database-standby");

        publishAndAwaitConsumed("membership-service-health", new MemberCameOnline("m2", Instant.now()));
        JsonNode online = lxd.get("/1.0/cluster/members/m2").metadata();
        assertThat(online.get("status").asString()).isEqualTo("Online");
        assertThat(online.get("message").asString()).isEqualTo("Fully operational");
    }

    /** Publishes events as another service would and waits until the membership service's consumer is past them. */
    private static void publishAndAwaitConsumed(String consumerGroup, PublicEvent... events) throws Exception {
        EventCodec codec = new EventCodec("/muster/system-tests");
        Map<TopicPartition, Long> written = new HashMap<>();
        try (var producer = new KafkaProducer<String, byte[]>(TestInfrastructure.kafkaClientConfig(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (PublicEvent event : events) {
                var sent = producer.send(new ProducerRecord<>(
                                PublicEvents.typeOf(event.getClass()).topic(),
                                event.key(),
                                codec.toBytes(codec.envelope(event))))
                        .get();
                written.put(new TopicPartition(sent.topic(), sent.partition()), sent.offset());
            }
        }
        // the membership service commits its offsets after applying an event: wait until it has read past ours
        try (Admin admin = Admin.create(TestInfrastructure.kafkaClientConfig())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                var committed = admin.listConsumerGroupOffsets(consumerGroup)
                        .partitionsToOffsetAndMetadata()
                        .get();
                return written.entrySet().stream()
                        .allMatch(w -> committed.get(w.getKey()) != null
                                && committed.get(w.getKey()).offset() > w.getValue());
            });
        }
    }

    private static String token(String name) {
        Lxd.Answer issued = lxd.send("POST", "/1.0/cluster/members", json("{'server_name':'" + name + "'}"));
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(202);
        assertThat(issued.metadata().get("class").asString()).isEqualTo("token");
        return tokenOf(issued.metadata());
    }

    /** Builds the token string from the operation's metadata, as the lxc client does. */
    private static String tokenOf(JsonNode operation) {
        JsonNode metadata = operation.get("metadata");
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("server_name", metadata.get("serverName").asString());
        token.put("fingerprint", metadata.get("fingerprint").asString());
        token.put("addresses", strings(metadata.get("addresses")));
        token.put("secret", metadata.get("secret").asString());
        token.put("expires_at", metadata.get("expiresAt").asString());
        return Base64.getEncoder()
                .encodeToString(
                        JsonMapper.builder().build().writeValueAsString(token).getBytes(StandardCharsets.UTF_8));
    }

    private static void join(String name, String token) {
        Lxd.Answer joined = joinAnswer(name, token, "10.0.0." + name.substring(1) + ":8443");
        assertThat(joined.status()).as(joined.body().toString()).isEqualTo(202);
        assertThat(lxd.awaitOperation(joined).get("status").asString()).isEqualTo("Success");
    }

    private static Lxd.Answer joinAnswer(String name, String token, String address) {
        return lxd.send(
                "PUT",
                "/1.0/cluster",
                json("{'server_name':'" + name + "','enabled':true,'server_address':'" + address
                        + "','cluster_address':'10.0.0.1:8443','cluster_token':'" + token + "'}"));
    }

    private static Map<String, List<String>> roles() {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (JsonNode member : lxd.get("/1.0/cluster/members?recursion=1").metadata()) {
            roles.put(member.get("server_name").asString(), strings(member.get("roles")));
        }
        return roles;
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
