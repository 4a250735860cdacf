package dev.muster.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * End-to-end placements through the gateway of a running stack ({@code ./muster up --members 1000}): {@code --clients}
 * concurrent clients each create instances with {@code POST /1.0/instances} and wait for the operation
 * ({@code GET /1.0/operations/{id}/wait}), as {@code lxc init} does. Prints placements/s and the latency from the
 * request to the operation's success (p50/p99/max), plus failures. Bounded: it stops after {@code --requests} or
 * {@code --seconds}, whichever comes first.
 *
 * <p>Run with {@code ./muster bench placement-e2e [--requests 100000] [--clients 64] [--seconds 300]
 * [--gateway http://127.0.0.1:8080 | https://127.0.0.1:8443 | unix:.muster/run/unix.socket]
 * [--unix-socket .muster/run/unix.socket]}: over HTTPS it makes a client certificate and trusts it through the
 * unix socket first. Several gateways separated by commas are measured one after the other in the same run.
 */
public final class PlacementEndToEndBenchmark {

    private static final Pattern OPERATION = Pattern.compile("\"operation\":\"(/1\\.0/operations/[^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Za-z]+)\"");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int requests = Integer.parseInt(options.getOrDefault("requests", "100000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "64"));
        long seconds = Long.parseLong(options.getOrDefault("seconds", "300"));
        Path unixSocket = Path.of(options.getOrDefault("unix-socket", ".muster/run/unix.socket"));
        for (String address :
                options.getOrDefault("gateway", "http://127.0.0.1:8080").split(",")) {
            run(GatewayTransport.of(address.trim(), unixSocket), requests, clients, seconds);
        }
        System.exit(0);
    }

    private static void run(GatewayTransport gateway, int requests, int clients, long seconds)
            throws InterruptedException {
        String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        System.out.printf(
                "Placement end to end: %,d creations by %d clients through %s (instances %s*), %d cores%n",
                requests,
                clients,
                gateway.describe(),
                prefix,
                Runtime.getRuntime().availableProcessors());

        Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int n; (n = next.getAndIncrement()) < requests && System.nanoTime() < deadline; ) {
                    long sent = System.nanoTime();
                    try {
                        GatewayTransport.Answer created = gateway.send(
                                "POST",
                                "/1.0/instances",
                                "{\"name\":\"" + prefix + n + "\",\"source\":{\"type\":\"none\"}}");
                        Matcher operation = OPERATION.matcher(created.body());
                        if (created.status() != 202 || !operation.find()) {
                            failed.incrementAndGet();
                            continue;
                        }
                        GatewayTransport.Answer waited =
                                gateway.send("GET", operation.group(1) + "/wait?timeout=30", null);
                        Matcher status = STATUS.matcher(waited.body()
                                .substring(Math.max(0, waited.body().indexOf("\"metadata\""))));
                        if (status.find() && status.group(1).equals("Success")) {
                            succeeded.incrementAndGet();
                            latency.recordValue(
                                    Math.min(latency.getHighestTrackableValue(), (System.nanoTime() - sent) / 1000));
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "  placed %,d in %.1f s: %,.0f placements/s; failed %,d%n",
                succeeded.get(), elapsed, succeeded.get() / elapsed, failed.get());
        System.out.printf(
                "  request → operation success: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0);
    }
}
