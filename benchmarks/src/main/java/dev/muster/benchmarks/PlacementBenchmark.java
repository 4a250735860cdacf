package dev.muster.benchmarks;

import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.Decision;
import dev.muster.scheduler.placement.PlacementRequest;
import dev.muster.scheduler.placement.PlacementTarget;
import dev.muster.scheduler.placement.Placer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * In-process placement decisions per second: the scheduler's {@link Placer} over a {@link ClusterView} of N members
 * (a tenth of them {@code manual}, a tenth {@code group}, some offline, two architectures, a few groups), automatic and
 * group-targeted requests mixed. Prints the median of several timed rounds after a warm-up.
 *
 * <p>Run with {@code ./muster bench placement [--members 1000,10000] [--decisions 200000] [--rounds 7]}.
 */
public final class PlacementBenchmark {

    public static void main(String[] args) {
        Map<String, String> options = Options.parse(args);
        int[] sizes = Arrays.stream(
                        options.getOrDefault("members", "1000,10000").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int decisions = Integer.parseInt(options.getOrDefault("decisions", "200000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "7"));
        System.out.printf(
                "Placement benchmark: in-process decisions, %,d per round, %d rounds after warm-up, %d cores%n",
                decisions, rounds, Runtime.getRuntime().availableProcessors());
        for (int members : sizes) {
            List<Double> perSecond = new ArrayList<>();
            for (int round = -2; round < rounds; round++) { // two warm-up rounds
                ClusterView view = cluster(members);
                Placer placer = new Placer(view, new SplittableRandom(round + 100));
                List<PlacementRequest> requests = requests(decisions);
                long start = System.nanoTime();
                int placed = 0;
                for (PlacementRequest request : requests) {
                    if (placer.place(request) instanceof Decision.Placed) {
                        placed++;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round >= 0) {
                    perSecond.add(decisions / seconds);
                }
                if (placed == 0) {
                    throw new IllegalStateException("nothing was placed");
                }
            }
            perSecond.sort(Double::compare);
            System.out.printf(
                    "  %,6d members: median %,.0f decisions/s (min %,.0f, max %,.0f) = %.1f µs per decision%n",
                    members,
                    perSecond.get(perSecond.size() / 2),
                    perSecond.getFirst(),
                    perSecond.getLast(),
                    1e6 / perSecond.get(perSecond.size() / 2));
        }
    }

    static ClusterView cluster(int members) {
        ClusterView view = new ClusterView();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 1; i <= members; i++) {
            String name = "m" + i;
            List<String> groups = new ArrayList<>(List.of("default"));
            if (i % 3 == 0) {
                groups.add("gpu");
            }
            if (i % 7 == 0) {
                groups.add("ssd");
            }
            view.memberJoined(name, i % 5 == 0 ? "aarch64" : "x86_64", groups);
            String schedulerInstance = i % 10 == 0 ? "manual" : i % 10 == 1 ? "group" : "all";
            view.memberUpdated(name, Map.of("scheduler.instance", schedulerInstance), groups);
            if (random.nextInt(50) == 0) {
                view.memberOnline(name, false);
            }
        }
        return view;
    }

    static List<PlacementRequest> requests(int count) {
        List<PlacementRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PlacementTarget target = i % 4 == 0 ? new PlacementTarget.Group("gpu") : new PlacementTarget.Anywhere();
            requests.add(new PlacementRequest("c" + i, i % 2 == 0 ? "x86_64" : "", target, "", "new"));
        }
        return requests;
    }
}
