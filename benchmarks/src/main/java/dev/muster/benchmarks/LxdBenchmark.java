package dev.muster.benchmarks;

import dev.muster.testing.Await;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.agent.MemberAgentProcess;
import dev.muster.testing.lxd.LxdDaemon;
import dev.muster.testing.stack.ServiceStack;
import dev.muster.testing.stack.StackDefinition;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real containers through Muster against LXD itself, side by side on this machine: a stack of its own (the services as
 * processes, as the system tests run them), three members each with a standalone LXD daemon and an agent process
 * ({@code --runtime lxd}), the busybox image of {@code bin/busybox-image}, and a fourth daemon on its own.
 *
 * <ul>
 *   <li>launch → Running: {@code lxc launch busybox NAME --target m1} through the gateway's unix socket against
 *       {@code lxc launch busybox NAME} straight on the lone daemon, {@code --launches} of each, medians;
 *   <li>evacuation ({@code migrate}) and restore of m1 holding {@code --instances} running containers.
 * </ul>
 *
 * <p>Needs LXD ({@code apt-get install lxd lxd-client busybox-static}), root and PostgreSQL; run with {@code ./muster
 * bench lxd [--launches 5] [--instances 10]}.
 */
public final class LxdBenchmark {

    private static final Pattern OPERATION = Pattern.compile("\"operation\":\"(/1\\.0/operations/[^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Za-z]+)\"");
    private static final Duration LXC_TIMEOUT = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int launches = Integer.parseInt(options.getOrDefault("launches", "5"));
        int instances = Integer.parseInt(options.getOrDefault("instances", "10"));
        System.out.printf(
                "LXD benchmark: %d launches each way, evacuation and restore of %d running containers, %d cores%n",
                launches, instances, Runtime.getRuntime().availableProcessors());
        int exit;
        try {
            exit = new LxdBenchmark().run(launches, instances);
        } catch (Exception | Error e) {
            e.printStackTrace();
            exit = 1; // and exit: the in-JVM Kafka broker's threads would keep the JVM alive
        }
        System.exit(exit);
    }

    private final Map<String, LxdDaemon> daemons = new LinkedHashMap<>();
    private final List<MemberAgentProcess> agents = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path socketDir;
    private URI gateway;

    private int run(int launches, int instances) throws Exception {
        Path work = Files.createTempDirectory("muster-bench-lxd");
        socketDir = Files.createDirectories(work.resolve("gateway"));
        LxdDaemon lone = new LxdDaemon();
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        try (ServiceStack stack = ServiceStack.of(
                        "membership-service", "health-monitor", "scheduler-service", "image-service", "gateway")
                .with(
                        "MUSTER_IMAGES_STORE",
                        Files.createDirectories(work.resolve("images")).toString())
                .with("MUSTER_UNIX_SOCKET", socketDir.resolve("unix.socket").toString())
                .logs(work.resolve("logs"))
                .start()) {
            gateway = stack.gateway();
            long starting = System.nanoTime();
            for (String member : List.of("m1", "m2", "m3")) {
                LxdDaemon daemon = new LxdDaemon();
                daemons.put(member, daemon);
                daemon.start();
            }
            lone.start();
            for (Map.Entry<String, LxdDaemon> member : daemons.entrySet()) {
                MemberAgentProcess.Builder agent = MemberAgentProcess.member(member.getKey(), gateway, kafka)
                        .lxd(member.getValue().directory())
                        .logs(work.resolve("logs"));
                agents.add((agents.isEmpty() ? agent.bootstrap() : agent.join()).start());
                int online = agents.size();
                Await.until(
                        "member " + member.getKey() + " Online",
                        Duration.ofSeconds(120),
                        () -> onlineMembers() == online);
            }
            System.out.printf(
                    "  stack, 4 LXD daemons and 3 agents up in %.1f s (logs in %s)%n",
                    (System.nanoTime() - starting) / 1e9, work.resolve("logs"));

            Path image = work.resolve("busybox.tar.gz");
            command(
                    Duration.ofMinutes(1),
                    Map.of(),
                    StackDefinition.root().resolve("bin/busybox-image").toString(),
                    image.toString());
            lxcThroughMuster("image", "import", image.toString(), "--alias", "busybox");
            lone.lxc("image", "import", image.toString(), "--alias", "busybox");

            // one of each first: image copies in the daemons' stores, warm JITs
            lxcThroughMuster("launch", "busybox", "warm", "--target", "m1");
            lone.lxc("launch", "busybox", "warm");
            List<Double> muster = new ArrayList<>();
            List<Double> direct = new ArrayList<>();
            for (int i = 0; i < launches; i++) {
                String name = "l" + i;
                muster.add(seconds(() -> lxcThroughMuster("launch", "busybox", name, "--target", "m1")));
                direct.add(seconds(() -> lone.lxc("launch", "busybox", name)));
            }
            System.out.printf(
                    "  launch -> Running, median of %d: through Muster %.2f s (lxc on the gateway's socket, --target m1),"
                            + " straight on one LXD daemon %.2f s%n",
                    launches, median(muster), median(direct));
            System.out.printf("    through Muster: %s%n    straight:       %s%n", muster, direct);
            for (int i = 0; i < launches; i++) {
                lxcThroughMuster("delete", "l" + i, "--force");
            }
            lxcThroughMuster("delete", "warm", "--force");

            for (int i = 0; i < instances; i++) {
                lxcThroughMuster("launch", "busybox", "e" + i, "--target", "m1");
            }
            // the operation ends once the moves are decided; the moves are done when the daemons say so
            long evacuating = System.nanoTime();
            String evacuation = memberState("m1", "{\"action\":\"evacuate\",\"mode\":\"migrate\"}");
            double decided = (System.nanoTime() - evacuating) / 1e9;
            boolean evacuated = Await.within(
                    Duration.ofMinutes(15),
                    Duration.ofMillis(500),
                    () -> count(daemons.get("m1")) == 0
                            && running(daemons.get("m2")) + running(daemons.get("m3")) == instances);
            System.out.printf(
                    "  evacuate m1 (migrate) with %d running containers: operation %s after %.1f s, every container"
                            + " Running on m2/m3 after %.1f s%s (a real LXD 5.0.2 cluster here: 32.9 s for 5)%n",
                    instances,
                    evacuation,
                    decided,
                    (System.nanoTime() - evacuating) / 1e9,
                    evacuated ? "" : " (NOT ALL: gave up)");
            long restoring = System.nanoTime();
            String restore = memberState("m1", "{\"action\":\"restore\"}");
            double restoreDecided = (System.nanoTime() - restoring) / 1e9;
            boolean restored = Await.within(
                    Duration.ofMinutes(15), Duration.ofMillis(500), () -> running(daemons.get("m1")) == instances);
            System.out.printf(
                    "  restore m1: operation %s after %.1f s, every container Running on m1 again after %.1f s%s"
                            + " (a real LXD 5.0.2 cluster here: 47.6 s for 5)%n",
                    restore,
                    restoreDecided,
                    (System.nanoTime() - restoring) / 1e9,
                    restored ? "" : " (NOT ALL: gave up)");
            return evacuation.equals("Success") && restore.equals("Success") && evacuated && restored ? 0 : 1;
        } finally {
            agents.forEach(MemberAgentProcess::stop);
            daemons.values().forEach(LxdDaemon::stop);
            lone.stop();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double seconds(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long count(LxdDaemon daemon) {
        return daemon.lxc("list", "--format", "csv", "-c", "n").lines().count();
    }

    private static long running(LxdDaemon daemon) {
        return daemon.lxc("list", "--format", "csv", "-c", "s")
                .lines()
                .filter("RUNNING"::equals)
                .count();
    }

    private long onlineMembers() {
        String body = get("/1.0/cluster/members?recursion=1");
        return Pattern.compile("\"status\":\"Online\"").matcher(body).results().count();
    }

    private String memberState(String member, String body) throws Exception {
        String answer = http.send(
                        HttpRequest.newBuilder(gateway.resolve("/1.0/cluster/members/" + member + "/state"))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher operation = OPERATION.matcher(answer);
        if (!operation.find()) {
            return "refused: " + answer;
        }
        for (int waits = 0; waits < 40; waits++) {
            String waited = get(operation.group(1) + "/wait?timeout=30");
            Matcher status = STATUS.matcher(waited.substring(Math.max(0, waited.indexOf("\"metadata\""))));
            if (status.find() && !status.group(1).equals("Running")) {
                return status.group(1);
            }
        }
        return "still running after 20 minutes";
    }

    private String get(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(gateway.resolve(path))
                                    .timeout(Duration.ofSeconds(40))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void lxcThroughMuster(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("lxc"));
        command.addAll(List.of(args));
        command(
                LXC_TIMEOUT,
                Map.of("LXD_DIR", socketDir.toString(), "HOME", socketDir.toString()),
                command.toArray(String[]::new));
    }

    private static void command(Duration timeout, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("muster-bench", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed: " + Files.readString(output, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
