package dev.muster.benchmarks;

import dev.muster.starlark.Environment;
import dev.muster.starlark.Module;
import dev.muster.starlark.Starlark;
import dev.muster.starlark.StarlarkOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Measures the interpreter: recursive fib(25) (recursion is forbidden by the specification, so this uses the
 * allowRecursion option), the spec-conforming iterative fib, and a placement scriptlet that scans 1,000 member
 * dicts for the one with the most free memory. Run with {@code ./muster bench starlark}.
 */
public final class StarlarkBenchmark {

    private static final int WARMUP = 10;
    private static final int RUNS = 15;

    private static final String FIB = """
            def fib(n):
                if n < 2:
                    return n
                return fib(n - 1) + fib(n - 2)

            def fib_iterative(n):
                a, b = 0, 1
                for _ in range(n):
                    a, b = b, a + b
                return a

            def fib_iterative_many(times, n):
                total = 0
                for _ in range(times):
                    total += fib_iterative(n)
                return total
            """;

    private static final String PLACEMENT = """
            def instance_placement(request, candidate_members):
                best = None
                for member in candidate_members:
                    if member["status"] != "online" or member["free_cpu"] < request["cpu"]:
                        continue
                    if best == None or member["free_memory"] > best["free_memory"]:
                        best = member
                return best["name"] if best else None
            """;

    private StarlarkBenchmark() {}

    public static void main(String[] args) {
        Environment environment = Environment.builder().maxSteps(Long.MAX_VALUE).build();
        StarlarkOptions recursive =
                StarlarkOptions.builder().allowRecursion(true).build();
        Module fib = Starlark.compile("fib.star", FIB, recursive).execute(environment);

        double recursiveMs = medianMillis(() -> fib.call("fib", List.of(25L), Map.of()));
        System.out.printf(
                "fib(25) recursive (allowRecursion option): median %.1f ms over %d runs, result %s%n",
                recursiveMs, RUNS, fib.call("fib", List.of(25L), Map.of()));

        double iterativeMs = medianMillis(() -> fib.call("fib_iterative_many", List.of(10_000L, 25L), Map.of()));
        System.out.printf(
                "fib(25) iterative (spec-conforming), 10,000 calls: median %.1f ms (%.2f us per call)%n",
                iterativeMs, iterativeMs * 1000 / 10_000);

        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            members.add(Map.of(
                    "name",
                    "member-" + i,
                    "status",
                    i % 10 == 0 ? "offline" : "online",
                    "free_cpu",
                    (long) (i % 16),
                    "free_memory",
                    (long) ((i * 7919) % 100_000)));
        }
        Map<String, Object> request = Map.of("name", "c1", "cpu", 2L);
        Module placement = Starlark.compile("placement.star", PLACEMENT).execute(environment);
        Object converted = Starlark.toStarlark(members);

        int placements = 200;
        double convertingMs = medianMillis(() -> repeat(
                placements,
                () -> placement.call("instance_placement", Map.of("request", request, "candidate_members", members))));
        double preconvertedMs = medianMillis(() -> repeat(
                placements,
                () -> placement.call(
                        "instance_placement", Map.of("request", request, "candidate_members", converted))));
        System.out.printf(
                "placement over 1,000 member dicts, converting the Java maps on each call: %.0f placements/s%n",
                placements * 1000 / convertingMs);
        System.out.printf(
                "placement over 1,000 member dicts, members converted once: %.0f placements/s (chose %s)%n",
                placements * 1000 / preconvertedMs,
                placement.call("instance_placement", Map.of("request", request, "candidate_members", converted)));
    }

    private static Object repeat(int times, Supplier<Object> action) {
        Object last = null;
        for (int i = 0; i < times; i++) {
            last = action.get();
        }
        return last;
    }

    /** Keeps each result alive, so that the JIT cannot drop the work it measures. */
    @SuppressWarnings("unused")
    private static volatile Object sink;

    private static double medianMillis(Supplier<Object> action) {
        for (int i = 0; i < WARMUP; i++) {
            sink = action.get();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            sink = action.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[RUNS / 2];
    }
}
