package dev.muster.benchmarks;

import dev.muster.events.heartbeats.MemberState;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.Decision;
import dev.muster.scheduler.placement.PlacementRequest;
import dev.muster.scheduler.placement.PlacementTarget;
import dev.muster.scheduler.placement.Placer;
import dev.muster.scheduler.scriptlet.MemberStates;
import dev.muster.scheduler.scriptlet.ScriptletPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Placements per second in process with the placement scriptlet: {@code instance_placement} scans every candidate's
 * state ({@code get_cluster_member_resources}) for the most free memory and {@code set_target}s it, over
 * {@code --members} members. Prints the median of several timed rounds after a warm-up.
 *
 * <p>Run with {@code ./muster bench scriptlet [--members 1000] [--placements 2000] [--rounds 5]}.
 */
public final class ScriptletBenchmark {

    private static final String MOST_FREE_MEMORY = """
            def instance_placement(request, candidate_members):
                best = None
                most = -1
                for member in candidate_members:
                    memory = get_cluster_member_resources(member.server_name).memory
                    free = memory.total - memory.used
                    if free > most:
                        best = member.server_name
                        most = free
                set_target(best)
            """;

    public static void main(String[] args) {
        Map<String, String> options = Options.parse(args);
        int members = Integer.parseInt(options.getOrDefault("members", "1000"));
        int placements = Integer.parseInt(options.getOrDefault("placements", "2000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        ClusterView view = new ClusterView();
        MemberStates states = new MemberStates();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 1; i <= members; i++) {
            String name = "m" + i;
            view.memberJoined(name, "x86_64", List.of("default"));
            long total = (8L + random.nextInt(120)) << 30;
            states.heartbeat(
                    name,
                    new MemberState(
                            null,
                            Map.of(),
                            new MemberState.Resources(
                                    new MemberState.Cpu("x86_64", 16),
                                    new MemberState.Memory(random.nextLong(total), total))));
        }
        ScriptletPolicy scriptlet = new ScriptletPolicy(states);
        scriptlet.use(MOST_FREE_MEMORY);
        Placer placer = new Placer(view, new SplittableRandom(1));
        placer.usePolicy(scriptlet);
        System.out.printf(
                "Scriptlet benchmark: a scriptlet scanning %,d candidates' resources, %,d placements per round, %d cores%n",
                members, placements, Runtime.getRuntime().availableProcessors());
        List<Double> perSecond = new ArrayList<>();
        for (int round = -2; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < placements; i++) {
                if (!(placer.place(new PlacementRequest("c" + i, "", new PlacementTarget.Anywhere(), "", "new"))
                        instanceof Decision.Placed)) {
                    throw new IllegalStateException("the scriptlet refused a placement");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (round >= 0) {
                perSecond.add(placements / seconds);
            }
        }
        perSecond.sort(Double::compare);
        System.out.printf(
                "  median %,.0f placements/s (min %,.0f, max %,.0f) = %.2f ms per placement%n",
                perSecond.get(perSecond.size() / 2),
                perSecond.getFirst(),
                perSecond.getLast(),
                1e3 / perSecond.get(perSecond.size() / 2));
    }
}
