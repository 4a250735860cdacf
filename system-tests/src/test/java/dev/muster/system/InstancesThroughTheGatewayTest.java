package dev.muster.system;

import static dev.muster.system.Lxd.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.agent.commands.InstanceStatus;
import dev.muster.agent.simulation.SimulatedFleet;
import dev.muster.events.EventCodec;
import dev.muster.events.Topics;
import dev.muster.events.instances.InstancePlaced;
import dev.muster.testing.Await;
import dev.muster.testing.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Instances through the gateway, placed by the scheduler's decision loop, on a fleet of three simulated members that
 * really join, heartbeat and carry out the create commands: real Kafka, PostgreSQL and service processes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstancesThroughTheGatewayTest {

    @RegisterExtension
    static final MusterStack stack = MusterStack.of(
                    "membership-service", "health-monitor", "scheduler-service", "gateway")
            .with("MUSTER_SCHEDULER_SEED", "42")
            .withFleet(3, "m", settings -> settings.withArchitecture("x86_64"));

    static Lxd lxd;
    static SimulatedFleet fleet;

    @BeforeAll
    static void configureTheCluster() {
        lxd = stack.lxd();
        fleet = stack.fleet();
        Lxd.Answer manual =
                lxd.send("PATCH", "/1.0/cluster/members/m3", json("{'config':{'scheduler.instance':'manual'}}"));
        assertThat(manual.status()).as(manual.raw().body()).isEqualTo(200);
        assertThat(lxd.send("POST", "/1.0/cluster/groups", json("{'name':'gpu','members':['m1']}"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    @Order(1)
    void sixtyAutomaticPlacementsOnThreeMembersWithOneManualSplitThirtyThirtyNone() {
        for (int i = 0; i < 60; i++) {
            Lxd.Answer answer = lxd.send(
                    "POST",
                    "/1.0/instances",
                    json("{'name':'c" + i + "','type':'container','source':{'type':'none'}}"));
            assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
            assertThat(lxd.awaitOperation(answer).get("status").asString()).isEqualTo("Success");
        }

        Map<String, Integer> perMember = locations();
        assertThat(perMember.getOrDefault("m1", 0) + perMember.getOrDefault("m2", 0))
                .isEqualTo(60);
        assertThat(perMember.getOrDefault("m1", 0)).isBetween(29, 31);
        assertThat(perMember).doesNotContainKey("m3");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fleet.workloadOf("m1").instances().size()
                                + fleet.workloadOf("m2").instances().size()
                        == 60);
    }

    @Test
    @Order(2)
    void aGroupTargetPlacesInTheGroupAndADirectTargetMayUseAManualMember() {
        JsonNode inGroup = lxd.awaitOperation(lxd.send("POST", "/1.0/instances?target=@gpu", json("{'name':'g1'}")));
        JsonNode direct = lxd.awaitOperation(lxd.send("POST", "/1.0/instances?target=m3", json("{'name':'d1'}")));

        assertThat(inGroup.get("status").asString()).isEqualTo("Success");
        assertThat(direct.get("status").asString()).isEqualTo("Success");
        assertThat(lxd.get("/1.0/instances/g1").metadata().get("location").asString())
                .isEqualTo("m1");
        assertThat(lxd.get("/1.0/instances/d1").metadata().get("location").asString())
                .isEqualTo("m3");
    }

    @Test
    @Order(3)
    void aStartedInstanceIsRunningOnceItsMemberSaysSo() {
        JsonNode operation =
                lxd.awaitOperation(lxd.send("POST", "/1.0/instances", json("{'name':'web','start':true}")));

        assertThat(operation.get("status").asString()).isEqualTo("Success");
        JsonNode instance = lxd.get("/1.0/instances/web").metadata();
        assertThat(instance.get("status").asString()).isEqualTo("Running");
        assertThat(instance.get("status_code").asInt()).isEqualTo(103);
    }

    @Test
    @Order(10)
    void thePlacementScriptletChoosesRefusesOrLeavesTheChoiceToTheDefault() {
        String scriptlet = String.join(
                "\\n",
                "def instance_placement(request, candidate_members):",
                "    if request.name.startswith('deny-'):",
                "        fail('not here: ' + request.name)",
                "    if request.name.startswith('pick-'):",
                "        set_target('m2')");
        Lxd.Answer set =
                lxd.send("PATCH", "/1.0", "{\"config\":{\"instances.placement.scriptlet\":\"" + scriptlet + "\"}}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertError(
                lxd.send("PATCH", "/1.0", json("{'config':{'instances.placement.scriptlet':'def other(): pass'}}")),
                400,
                "Invalid value \"def other(): pass\" for config key \"instances.placement.scriptlet\": Scriptlet missing instance_placement function");

        // the scheduler learns the new scriptlet from membership's event a moment later
        List<String> picked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String name = "pick-" + picked.size();
            picked.add(name);
            lxd.awaitOperation(lxd.send("POST", "/1.0/instances", json("{'name':'" + name + "'}")));
            return lxd.get("/1.0/instances/" + name)
                    .metadata()
                    .get("location")
                    .asString()
                    .equals("m2");
        });
        JsonNode denied = lxd.awaitOperation(lxd.send("POST", "/1.0/instances", json("{'name':'deny-1'}")));
        assertThat(denied.get("status").asString()).isEqualTo("Failure");
        assertThat(denied.get("err").asString())
                .startsWith("Failed instance placement scriptlet: ")
                .endsWith("not here: deny-1");
        assertThat(lxd.get("/1.0/instances/deny-1").status()).isEqualTo(404);

        assertThat(lxd.send("PATCH", "/1.0", json("{'config':{'instances.placement.scriptlet':''}}"))
                        .status())
                .isEqualTo(200);
        picked.forEach(name -> lxd.awaitOperation(lxd.send("DELETE", "/1.0/instances/" + name, null)));
    }

    @Test
    @Order(4)
    void clientMistakesGetLxdsErrorsBeforeAnyOperation() {
        assertError(lxd.send("POST", "/1.0/instances", json("{'name':'c1'}")), 409, "Instance \"c1\" already exists");
        assertError(
                lxd.send("POST", "/1.0/instances?target=m9", json("{'name':'x1'}")),
                404,
                "Cluster member \"m9\" not found");
        assertError(
                lxd.send("POST", "/1.0/instances?target=@nope", json("{'name':'x1'}")),
                400,
                "Cluster group \"nope\" does not exist");
        assertError(
                lxd.send("POST", "/1.0/instances", json("{'name':'1bad'}")),
                400,
                "Invalid instance name: Name must not start with a number");
        assertError(
                lxd.send("POST", "/1.0/instances", json("{'name':'x1','type':'vm'}")),
                400,
                "Invalid instance type \"vm\"");
        assertError(lxd.get("/1.0/instances/nothing"), 404, "Instance not found");
        assertError(lxd.send("DELETE", "/1.0/instances/web", null), 400, "Instance is running");
    }

    @Test
    @Order(5)
    void aGroupWithNoEligibleMemberFailsTheOperationWithNoSuitableMember() {
        assertThat(lxd.send("POST", "/1.0/cluster/groups", json("{'name':'manualonly','members':['m3']}"))
                        .status())
                .isEqualTo(201);

        JsonNode operation =
                lxd.awaitOperation(lxd.send("POST", "/1.0/instances?target=@manualonly", json("{'name':'nowhere'}")));

        assertThat(operation.get("status").asString()).isEqualTo("Failure");
        assertThat(operation.get("err").asString()).isEqualTo("No suitable cluster member could be found");
        assertThat(lxd.get("/1.0/instances/nowhere").status()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void aMovedInstanceLivesOnItsNewMemberAndADeletedOneIsGone() {
        String from = lxd.get("/1.0/instances/c0").metadata().get("location").asString();
        String to = from.equals("m1") ? "m2" : "m1";

        assertThat(lxd.awaitOperation(lxd.send("POST", "/1.0/instances/c0?target=" + to, json("{'migration':true}")))
                        .get("status")
                        .asString())
                .isEqualTo("Success");
        assertThat(lxd.get("/1.0/instances/c0").metadata().get("location").asString())
                .isEqualTo(to);
        assertError(
                lxd.send("POST", "/1.0/instances/c0?target=" + to, json("{'migration':true}")),
                400,
                "Target must be different than instance's current location");

        assertThat(lxd.awaitOperation(lxd.send("DELETE", "/1.0/instances/c0", null))
                        .get("status")
                        .asString())
                .isEqualTo("Success");
        assertThat(lxd.get("/1.0/instances/c0").status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !fleet.workloadOf(to).instances().containsKey("c0")
                        && !fleet.workloadOf(from).instances().containsKey("c0"));
    }

    @Test
    @Order(7)
    void evacuatingAMemberMovesEveryInstanceItCanBalancedAndRestoreBringsThemBack() {
        assertThat(lxd.send("PATCH", "/1.0/cluster/members/m3", json("{'config':{'scheduler.instance':'all'}}"))
                        .status())
                .isEqualTo(200);
        Map<String, Integer> before = locations();
        int onM1 = before.get("m1");

        JsonNode evacuation = lxd.awaitOperation(
                lxd.send("POST", "/1.0/cluster/members/m1/state", json("{'action':'evacuate','mode':'migrate'}")));

        assertThat(evacuation.get("status").asString())
                .as(evacuation.toString())
                .isEqualTo("Success");
        assertThat(evacuation.get("metadata").get("stayed").toString())
                .isEqualTo("[\"g1\"]"); // its group has no other member
        Map<String, Integer> during = locations();
        assertThat(during.get("m1")).isEqualTo(1);
        assertThat(Math.abs(during.get("m2") - during.get("m3"))).isLessThanOrEqualTo(1);
        assertThat(lxd.get("/1.0/cluster/members/m1").metadata().get("status").asString())
                .isEqualTo("Evacuated");
        assertError(
                lxd.send("POST", "/1.0/instances?target=m1", json("{'name':'late'}")),
                403,
                "Cluster member is evacuated");

        JsonNode restore =
                lxd.awaitOperation(lxd.send("POST", "/1.0/cluster/members/m1/state", json("{'action':'restore'}")));

        assertThat(restore.get("status").asString()).as(restore.toString()).isEqualTo("Success");
        assertThat(locations().get("m1")).isEqualTo(onM1);
        assertThat(locations()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fleet.workloadOf("m1").instances().size() == onM1);
    }

    @Test
    @Order(8)
    void aDeadMemberIsHealedOnlyOnceItsProbeFailsToo() {
        assertThat(lxd.send(
                                "PATCH",
                                "/1.0",
                                json("{'config':{'cluster.offline_threshold':'10','cluster.healing_threshold':'10'}}"))
                        .status())
                .isEqualTo(200);
        int onM3 = locations().getOrDefault("m3", 0);
        assertThat(onM3).isPositive();

        fleet.pause("m3"); // heartbeats stop, but its probe still answers: offline, never healed
        await().atMost(Duration.ofSeconds(20))
                .until(() -> lxd.get("/1.0/cluster/members/m3")
                        .metadata()
                        .get("status")
                        .asString()
                        .equals("Offline"));
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(5))
                .until(() -> locations().getOrDefault("m3", 0) == onM3);

        fleet.kill("m3"); // now the probe fails as well: healing moves its instances and leaves it Evacuated
        await().atMost(Duration.ofSeconds(30)).until(() -> !locations().containsKey("m3"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> lxd.get("/1.0/cluster/members/m3")
                        .metadata()
                        .get("status")
                        .asString()
                        .equals("Evacuated"));
        assertThat(lxd.get("/1.0/instances/d1").metadata().get("location").asString())
                .isIn("m1", "m2");
    }

    @Test
    @Order(9)
    void aSchedulerKilledMidBurstAndRestartedPlacesEveryAcceptedRequestExactlyOnce() throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, Lxd.Answer> answers = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            clients.submit(() -> {
                for (int n; (n = sent.getAndIncrement()) < 240; ) {
                    String name = "burst-" + n;
                    AtomicReference<Lxd.Answer> sentAnswer = new AtomicReference<>();
                    Await.within(
                            Duration.ofSeconds(30),
                            () -> { // while the scheduler is down (503): try again
                                sentAnswer.set(lxd.send("POST", "/1.0/instances", json("{'name':'" + name + "'}")));
                                return sentAnswer.get().status() != 503;
                            });
                    Lxd.Answer answer = sentAnswer.get();
                    if (answer.status() == 202) {
                        accepted.add(name);
                        answers.put(name, answer);
                    }
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 60);
        stack.kill("scheduler-service"); // SIGKILL in the middle of the burst: no shutdown, no flushing
        stack.start("scheduler-service");
        clients.shutdown();
        assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        stack.awaitHealthy("scheduler-service");

        assertThat(accepted.size()).isGreaterThan(200);
        for (Lxd.Answer answer : answers.values()) {
            JsonNode operation = lxd.awaitOperation(answer);
            for (int waits = 0; operation.get("status").asString().equals("Running") && waits < 3; waits++) {
                operation = lxd.awaitOperation(answer);
            }
            assertThat(operation.get("status").asString()).isEqualTo("Success");
        }
        Map<String, Integer> placements = new HashMap<>();
        try (TopicReader reader = new TopicReader(Topics.INSTANCES)) {
            reader.readUntil(records -> placementsOf(records).keySet().containsAll(accepted), Duration.ofSeconds(30));
            placements.putAll(placementsOf(reader.readUntil(records -> false, Duration.ofSeconds(2))));
        }
        for (String name : accepted) {
            assertThat(placements.get(name)).as("placements of %s", name).isEqualTo(1);
            assertThat(lxd.get("/1.0/instances/" + name)
                            .metadata()
                            .get("location")
                            .asString())
                    .isIn("m1", "m2");
        }
        assertThat(placements.values())
                .as("no request placed twice, accepted or not")
                .allMatch(count -> count == 1);
    }

    /**
     * How many placements (distinct events) each burst instance got. The outbox delivers at least once: a relay
     * killed between Kafka's acknowledgement and marking the row sent delivers the same event (same id) again,
     * which consumers drop in their inboxes; a second decision would be a second id.
     */
    private static Map<String, Integer> placementsOf(List<ConsumerRecord<String, byte[]>> records) {
        EventCodec codec = new EventCodec("/test");
        Map<String, Set<String>> eventIds = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            var envelope = codec.readEnvelope(record.value());
            codec.dataOf(envelope).ifPresent(data -> {
                if (data instanceof InstancePlaced placed && placed.name().startsWith("burst-")) {
                    eventIds.computeIfAbsent(placed.name(), name -> new HashSet<>())
                            .add(envelope.id());
                }
            });
        }
        Map<String, Integer> placements = new HashMap<>();
        eventIds.forEach((name, ids) -> placements.put(name, ids.size()));
        return placements;
    }

    private static Map<String, Integer> locations() {
        Map<String, Integer> perMember = new HashMap<>();
        for (JsonNode instance : lxd.get("/1.0/instances?recursion=1").metadata()) {
            perMember.merge(instance.get("location").asString(), 1, Integer::sum);
        }
        return perMember;
    }

    @Test
    @Order(11)
    void theStateApiStopsStartsAndReportsAnInstanceThroughItsMemberWithLxdsRefusals() {
        String member = lxd.get("/1.0/instances/web").metadata().get("location").asString();
        long[] millis = new long[20];
        JsonNode state = null;
        for (int i = 0; i < millis.length; i++) {
            long asked = System.nanoTime();
            Lxd.Answer answer = lxd.get("/1.0/instances/web/state");
            millis[i] = Duration.ofNanos(System.nanoTime() - asked).toMillis();
            assertThat(answer.status()).isEqualTo(200);
            state = answer.metadata();
        }
        Arrays.sort(millis);
        System.out.printf(
                "GET /1.0/instances/web/state (gateway, scheduler, Kafka, member %s and back): median %d ms, max %d ms%n",
                member, millis[millis.length / 2], millis[millis.length - 1]);
        assertThat(state.get("status").asString()).isEqualTo("Running");
        assertThat(state.get("status_code").asInt()).isEqualTo(103);
        assertThat(state.get("memory").has("usage")).isTrue();
        assertThat(state.get("cpu").has("usage")).isTrue();
        assertThat(state.has("pid")).isTrue();
        assertThat(state.has("processes")).isTrue();

        JsonNode again = lxd.awaitOperation(lxd.send("PUT", "/1.0/instances/web/state", json("{'action':'start'}")));
        assertThat(again.get("description").asString()).isEqualTo("Starting instance");
        assertThat(again.get("status").asString()).isEqualTo("Failure");
        assertThat(again.get("err").asString()).isEqualTo("The instance is already running");

        JsonNode stop = lxd.awaitOperation(
                lxd.send("PUT", "/1.0/instances/web/state", json("{'action':'stop','force':true,'timeout':5}")));
        assertThat(stop.get("description").asString()).isEqualTo("Stopping instance");
        assertThat(stop.get("status").asString()).as(stop.toString()).isEqualTo("Success");
        assertThat(lxd.get("/1.0/instances/web").metadata().get("status").asString())
                .isEqualTo("Stopped");
        assertThat(fleet.workloadOf(member).instances().get("web")).isEqualTo(InstanceStatus.STOPPED);
        assertThat(lxd.get("/1.0/instances/web/state").metadata().get("status").asString())
                .isEqualTo("Stopped");
        assertThat(lxd.awaitOperation(lxd.send("PUT", "/1.0/instances/web/state", json("{'action':'stop'}")))
                        .get("err")
                        .asString())
                .isEqualTo("The instance is already stopped");

        JsonNode start = lxd.awaitOperation(lxd.send("PUT", "/1.0/instances/web/state", json("{'action':'start'}")));
        assertThat(start.get("status").asString()).as(start.toString()).isEqualTo("Success");
        assertThat(lxd.get("/1.0/instances/web").metadata().get("status").asString())
                .isEqualTo("Running");
        assertThat(fleet.workloadOf(member).instances().get("web")).isEqualTo(InstanceStatus.RUNNING);

        assertError(
                lxd.send("PUT", "/1.0/instances/web/state", json("{'action':'bogus'}")),
                400,
                "Unknown action: 'bogus'");
        assertError(
                lxd.send("PUT", "/1.0/instances/web/state", json("{'action':'stop','stateful':true}")),
                400,
                "Stateful start and stop are not supported");
        assertError(
                lxd.send("PUT", "/1.0/instances/nothing/state", json("{'action':'start'}")), 404, "Instance not found");
    }

    private static void assertError(Lxd.Answer answer, int status, String message) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.body().get("type").asString()).isEqualTo("error");
        assertThat(answer.error()).isEqualTo(message);
    }
}
