package dev.muster.scheduler.scriptlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.events.heartbeats.MemberState;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.Decision;
import dev.muster.scheduler.placement.PlacementRequest;
import dev.muster.scheduler.placement.PlacementTarget;
import dev.muster.scheduler.placement.Placer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScriptletPolicyTest {

    private final ClusterView view = new ClusterView();
    private final MemberStates states = new MemberStates();
    private final ScriptletPolicy scriptlet = new ScriptletPolicy(states);
    private final Placer placer = new Placer(view, new SplittableRandom(3));

    ScriptletPolicyTest() {
        placer.usePolicy(scriptlet);
        member("m1", 8L << 30, 6L << 30);
        member("m2", 16L << 30, 2L << 30);
        member("m3", 32L << 30, 30L << 30);
    }

    @Test
    void choosesTheMemberWithTheMostFreeMemory() {
        scriptlet.use("""
                def instance_placement(request, candidate_members):
                    best = None
                    most = -1
                    for member in candidate_members:
                        memory = get_cluster_member_resources(member.server_name).memory
                        free = memory.total - memory.used
                        if free > most:
                            best, most = member.server_name, free
                    set_target(best)
                """);

        assertThat(placer.place(request("c1"))).isEqualTo(new Decision.Placed("m2"));
    }

    @Test
    void failRejectsThePlacementWithTheScriptletsMessage() {
        scriptlet.use("""
                def instance_placement(request, candidate_members):
                    if request.name.startswith("forbidden"):
                        fail("no instance named %s" % request.name)
                """);

        assertThat(placer.place(request("forbidden-1")))
                .isInstanceOfSatisfying(
                        Decision.Rejected.class,
                        rejected -> assertThat(rejected.message())
                                .startsWith("Failed instance placement scriptlet: ")
                                .contains("no instance named forbidden-1"));
        assertThat(placer.place(request("fine"))).isInstanceOf(Decision.Placed.class);
    }

    @Test
    void anInfiniteLoopIsStoppedAndRejectedWhileLaterPlacementsGoOn() {
        scriptlet.use("""
                def instance_placement(request, candidate_members):
                    if request.name == "spin":
                        for i in range(1000000000):
                            pass
                """);

        long start = System.nanoTime();
        Decision spinning = placer.place(request("spin"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(spinning)
                .isInstanceOfSatisfying(
                        Decision.Rejected.class,
                        rejected -> assertThat(rejected.message()).startsWith("Failed instance placement scriptlet: "));
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(placer.place(request("next"))).isInstanceOf(Decision.Placed.class);
    }

    @Test
    void aScriptletThatBuildsManyLargeValuesFailsItsPlacementOnItsAllocationBudgetAndLaterPlacementsGoOn() {
        scriptlet.use("""
                def instance_placement(request, candidate_members):
                    if request.name == "hog":
                        held = []
                        for i in range(200):
                            held.append("x" * 5000000)
                """);

        Decision hogging = placer.place(request("hog"));

        assertThat(hogging)
                .isInstanceOfSatisfying(
                        Decision.Rejected.class,
                        rejected -> assertThat(rejected.message())
                                .startsWith("Failed instance placement scriptlet: ")
                                .contains("exceeded its allocation budget of 32 MiB"));
        assertThat(placer.place(request("next"))).isInstanceOf(Decision.Placed.class);
    }

    @Test
    void notCallingSetTargetLeavesTheChoiceToTheDefault() {
        scriptlet.use("""
                def instance_placement(request, candidate_members):
                    log_info("placing", request.name, "among", len(candidate_members))
                """);
        view.countsAre(Map.of("m1", 5L, "m3", 5L));

        assertThat(placer.place(request("c1"))).isEqualTo(new Decision.Placed("m2"));
    }

    @Test
    void aTargetThatIsNoCandidateOrAReturnedValueRejects() {
        scriptlet.use("""
                def instance_placement(request, candidate_members):
                    if request.name == "elsewhere":
                        set_target("m9")
                    return "done"
                """);

        assertThat(placer.place(request("elsewhere")))
                .isInstanceOfSatisfying(
                        Decision.Rejected.class,
                        rejected -> assertThat(rejected.message()).contains("m9"));
        assertThat(placer.place(request("c1")))
                .isInstanceOfSatisfying(
                        Decision.Rejected.class,
                        rejected -> assertThat(rejected.message()).contains("unexpected return value"));
    }

    @Test
    void aDirectTargetCanBeVetoedButNotRedirected() {
        scriptlet.use("""
                def instance_placement(request, candidate_members):
                    if candidate_members[0].server_name == "m3":
                        fail("m3 is reserved")
                """);

        assertThat(placer.place(new PlacementRequest("c1", "", new PlacementTarget.Member("m3"), "", "new")))
                .isInstanceOfSatisfying(
                        Decision.Rejected.class,
                        rejected -> assertThat(rejected.message())
                                .startsWith("Failed instance placement scriptlet: ")
                                .endsWith("fail: m3 is reserved"));
        assertThat(placer.place(new PlacementRequest("c2", "", new PlacementTarget.Member("m1"), "", "new")))
                .isEqualTo(new Decision.Placed("m1"));
    }

    @Test
    void instanceResourcesComeFromLimitsAndTheRootDisk() {
        scriptlet.use("""
                def instance_placement(request, candidate_members):
                    r = get_instance_resources()
                    if r.cpu_cores != 4 or r.memory_size != 2147483648 or r.root_disk_size != 10000000000:
                        fail("got %d %d %d" % (r.cpu_cores, r.memory_size, r.root_disk_size))
                    set_target(get_cluster_members("default")[0].server_name)
                """);
        PlacementRequest request = new PlacementRequest(
                "c1",
                "",
                new PlacementTarget.Anywhere(),
                "",
                "new",
                new PlacementRequest.InstanceSpec(
                        "default",
                        "container",
                        Map.of("limits.cpu", "0-2,5", "limits.memory", "2GiB"),
                        Map.of("root", Map.of("type", "disk", "path", "/", "pool", "local", "size", "10GB")),
                        List.of("default")));

        assertThat(placer.place(request)).isEqualTo(new Decision.Placed("m1"));
    }

    @Test
    void anUnknownAttributeIsAnErrorNamingIt() {
        scriptlet.use("""
                def instance_placement(request, candidate_members):
                    x = candidate_members[0].flavour
                """);

        assertThat(placer.place(request("c1")))
                .isInstanceOfSatisfying(
                        Decision.Rejected.class,
                        rejected -> assertThat(rejected.message()).contains("flavour"));
    }

    private void member(String name, long total, long used) {
        view.memberJoined(name, "x86_64", List.of("default"));
        states.heartbeat(
                name,
                new MemberState(
                        null,
                        Map.of(),
                        new MemberState.Resources(
                                new MemberState.Cpu("x86_64", 4), new MemberState.Memory(used, total))));
    }

    private static PlacementRequest request(String name) {
        return new PlacementRequest(name, "", new PlacementTarget.Anywhere(), "", "new");
    }
}
