package dev.muster.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evacuation of a member holding many instances, on a running stack ({@code ./muster up --members 10} or more):
 * creates {@code --instances} instances on {@code --member} ({@code ?target=}), then evacuates it and prints the
 * seconds until the operation succeeded and how many instances moved; then restores it and prints the same.
 *
 * <p>Run with {@code ./muster bench evacuation [--instances 1000] [--member m2] [--gateway http://127.0.0.1:8080]}.
 */
public final class EvacuationBenchmark {

    private static final Pattern OPERATION = Pattern.compile("\"operation\":\"(/1\\.0/operations/[^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int count = Integer.parseInt(options.getOrDefault("instances", "1000"));
        String member = options.getOrDefault("member", "m2");
        URI gateway = URI.create(options.getOrDefault("gateway", "http://127.0.0.1:8080"));
        if (!gateway.getHost().equals("127.0.0.1") && !gateway.getHost().equals("localhost")) {
            throw new IllegalArgumentException("the benchmark only sends traffic to loopback");
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String prefix = "evac-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        System.out.printf(
                "Evacuation benchmark: %,d instances on %s through %s, %d cores%n",
                count, member, gateway, Runtime.getRuntime().availableProcessors());

        long filling = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        for (int c = 0; c < 32; c++) {
            clients.submit(() -> {
                for (int n; (n = next.getAndIncrement()) < count; ) {
                    String answer = send(
                            http,
                            "POST",
                            gateway.resolve("/1.0/instances?target=" + member),
                            "{\"name\":\"" + prefix + n + "\",\"start\":true}");
                    if (!"Success".equals(await(http, gateway, answer))) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        clients.shutdown();
        clients.awaitTermination(10, TimeUnit.MINUTES);
        System.out.printf(
                "  created and started %,d instances on %s in %.1f s (%d failed)%n",
                count - failed.get(), member, (System.nanoTime() - filling) / 1e9, failed.get());

        long evacuating = System.nanoTime();
        String evacuation = send(
                http,
                "POST",
                gateway.resolve("/1.0/cluster/members/" + member + "/state"),
                "{\"action\":\"evacuate\",\"mode\":\"migrate\"}");
        String outcome = await(http, gateway, evacuation);
        System.out.printf(
                "  evacuate: %s after %.2f s (LXD: ~7.6 s for 20 instances)%n",
                outcome, (System.nanoTime() - evacuating) / 1e9);

        long restoring = System.nanoTime();
        String restore = send(
                http, "POST", gateway.resolve("/1.0/cluster/members/" + member + "/state"), "{\"action\":\"restore\"}");
        System.out.printf(
                "  restore : %s after %.2f s%n", await(http, gateway, restore), (System.nanoTime() - restoring) / 1e9);
        System.exit(0);
    }

    private static String send(HttpClient http, String method, URI uri, String body) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(uri)
                                .method(method, HttpRequest.BodyPublishers.ofString(body))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Waits for an async answer's operation; its final status, or the error. */
    private static String await(HttpClient http, URI gateway, String answer) throws Exception {
        Matcher operation = OPERATION.matcher(answer);
        if (!operation.find()) {
            return "refused: " + answer;
        }
        for (int waits = 0; waits < 20; waits++) {
            String body = http.send(
                            HttpRequest.newBuilder(gateway.resolve(operation.group(1) + "/wait?timeout=30"))
                                    .timeout(Duration.ofSeconds(35))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            String metadata = body.substring(Math.max(0, body.indexOf("\"metadata\"")));
            Matcher status = Pattern.compile("\"status\":\"([A-Za-z]+)\"").matcher(metadata);
            if (status.find() && !status.group(1).equals("Running")) {
                return status.group(1);
            }
        }
        return "still running";
    }
}
