package dev.muster.agent.instances.lxd;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.muster.agent.commands.InstanceStatus;
import dev.muster.agent.commands.Workload;
import dev.muster.agent.instances.RuntimeResources;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CommandResult.Status;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.DeleteInstance;
import dev.muster.events.agents.ExportInstance;
import dev.muster.events.agents.FreezeInstance;
import dev.muster.events.agents.ImportInstance;
import dev.muster.events.agents.InstanceStateReported;
import dev.muster.events.agents.InventoryReported;
import dev.muster.events.agents.InventoryReported.InventoryInstance;
import dev.muster.events.agents.ReportInstanceState;
import dev.muster.events.agents.ReportInventory;
import dev.muster.events.agents.RestartInstance;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.StopInstance;
import dev.muster.events.agents.UnfreezeInstance;
import dev.muster.testing.lxd.LxdDaemon;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The LXD runtime against real standalone daemons: instances from the member's image copies, moved between two. */
class LxdRuntimeTest {

    @RegisterExtension
    static final LxdDaemon lxd = new LxdDaemon();

    @RegisterExtension
    static final LxdDaemon otherLxd = new LxdDaemon();

    private static final String MEMBER = "m1";
    private static final String PROJECT = "default";

    @TempDir
    static Path images;

    private static String busybox;

    private final AtomicInteger ids = new AtomicInteger();
    private Workload workload;

    @BeforeAll
    static void aVerifiedCopyOfTheBusyboxImage() throws IOException {
        Path tarball = LxdDaemon.busyboxImage(images);
        busybox = LxdDaemon.fingerprint(tarball);
        Files.move(tarball, images.resolve(busybox));
    }

    @BeforeEach
    void member() {
        workload = new Workload(images, LxdRuntime.connect(lxd.directory()));
    }

    @AfterEach
    void noInstancesLeft() {
        for (String name : workload.instances().keySet()) {
            workload.carryOut(new DeleteInstance(MEMBER, id(), PROJECT, name, "", true));
        }
        workload.close();
    }

    @Test
    void anInstanceCreatedFromTheMembersImageCopyRunsWithItsOwnProcessesFromTheSameImage() {
        long started = System.nanoTime();
        CommandResult created = create("c1", true, Map.of("user.muster", "yes"));
        long firstMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(created.status()).as(created.message()).isEqualTo(Status.DONE);
        InstanceStateReported state = state("c1");
        assertThat(state.status()).isEqualTo("Running");
        assertThat(state.pid()).isPositive();
        assertThat(state.processes()).isGreaterThanOrEqualTo(1);
        assertThat(state.memoryUsage()).isPositive();
        assertThat(lxd.lxc("image", "list", "--format", "csv", "--columns", "F"))
                .contains(busybox);
        assertThat(lxd.lxc("config", "get", "c1", "user.muster").trim()).isEqualTo("yes");

        started = System.nanoTime();
        assertThat(create("c2", true, Map.of()).status()).isEqualTo(Status.DONE);
        long runtimeMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        lxd.lxc("launch", busybox, "c3");
        long lxcMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(state("c3").status()).isEqualTo("Running");
        System.out.printf(
                "[figures] launch -> Running: through the runtime %d ms (first, with the image import %d ms),"
                        + " lxc launch %d ms%n",
                runtimeMillis, firstMillis, lxcMillis);
    }

    @Test
    void anInstanceStopsStartsRestartsFreezesAndUnfreezesAsTheDaemonSays() {
        create("c1", true, Map.of());

        assertThat(result(new StopInstance(MEMBER, id(), PROJECT, "c1", true, -1))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(state("c1").status()).isEqualTo("Stopped");
        assertThat(state("c1").pid()).isZero();
        CommandResult stoppedAgain = result(new StopInstance(MEMBER, id(), PROJECT, "c1", true, -1));
        assertThat(stoppedAgain.status()).isEqualTo(Status.DONE);
        assertThat(stoppedAgain.message()).isEqualTo("The instance is already stopped");

        assertThat(result(new StartInstance(MEMBER, id(), PROJECT, "c1")).status())
                .isEqualTo(Status.DONE);
        long pid = state("c1").pid();
        assertThat(pid).isPositive();

        assertThat(result(new RestartInstance(MEMBER, id(), PROJECT, "c1", true, 10))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(state("c1").status()).isEqualTo("Running");
        assertThat(state("c1").pid()).isPositive().isNotEqualTo(pid);

        assertThat(result(new FreezeInstance(MEMBER, id(), PROJECT, "c1")).status())
                .isEqualTo(Status.DONE);
        assertThat(state("c1").status()).isEqualTo("Frozen");
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.FROZEN);

        assertThat(result(new UnfreezeInstance(MEMBER, id(), PROJECT, "c1")).status())
                .isEqualTo(Status.DONE);
        assertThat(state("c1").status()).isEqualTo("Running");
    }

    @Test
    void aRunningInstanceIsDeletedOnlyWhenForcedAndTheRefusalIsTheDaemons() {
        create("c1", true, Map.of());

        CommandResult refused = result(new DeleteInstance(MEMBER, id(), PROJECT, "c1", "", false));

        assertThat(refused.status()).isEqualTo(Status.FAILED);
        assertThat(refused.message()).isEqualTo("Instance is running");
        assertThat(state("c1").status()).isEqualTo("Running");

        assertThat(result(new DeleteInstance(MEMBER, id(), PROJECT, "c1", "evacuation", true))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(state("c1").status()).isEqualTo(Workload.MISSING);
        assertThat(lxd.lxc("list", "--format", "csv", "--columns", "n")).doesNotContain("c1");
    }

    @Test
    void theInventoryListsTheDaemonsInstancesWithTypeAndStatus() {
        create("c1", true, Map.of());
        create("c2", false, Map.of());

        InventoryReported inventory = (InventoryReported) workload.carryOut(new ReportInventory(MEMBER, "inventory-1"));

        assertThat(inventory.instances())
                .containsExactly(
                        new InventoryInstance(PROJECT, "c1", "container", "Running"),
                        new InventoryInstance(PROJECT, "c2", "container", "Stopped"));
        assertThat(inventory.images()).containsExactly(busybox);
    }

    @Test
    void anExportedInstanceIsImportedIntoASecondDaemonWithItsConfig(@TempDir Path transfers) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = transfers.resolve(exchange.getRequestURI().getPath().replace('/', '_'));
            if (exchange.getRequestMethod().equals("PUT")) {
                try (InputStream in = exchange.getRequestBody()) {
                    Files.copy(in, file);
                }
                exchange.sendResponseHeaders(201, -1);
            } else if (Files.exists(file)) {
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        Workload destination = new Workload(images, LxdRuntime.connect(otherLxd.directory()));
        try {
            create("c1", true, Map.of("user.muster", "moved"));
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/moves/" + UUID.randomUUID();

            long started = System.nanoTime();
            CommandResult exported = result(new ExportInstance(MEMBER, id(), PROJECT, "c1", url));
            long exportMillis = (System.nanoTime() - started) / 1_000_000;
            started = System.nanoTime();
            CommandResult imported = (CommandResult) destination.carryOut(
                    new ImportInstance("m2", id(), PROJECT, "c1", "container", true, url, Map.of("user.placed", "m2")));
            long importMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(exported.status()).as(exported.message()).isEqualTo(Status.DONE);
            assertThat(imported.status()).as(imported.message()).isEqualTo(Status.DONE);
            assertThat(otherLxd.lxc("config", "get", "c1", "user.muster").trim())
                    .isEqualTo("moved");
            assertThat(otherLxd.lxc("config", "get", "c1", "user.placed").trim())
                    .isEqualTo("m2");
            assertThat(destination.instances()).containsEntry("c1", InstanceStatus.RUNNING);
            assertThat(workload.instances()).containsEntry("c1", InstanceStatus.RUNNING);
            assertThat(lxd.lxc("query", "/1.0/instances/c1/backups")).doesNotContain("muster-move");
            System.out.printf(
                    "[figures] busybox container move: export %d ms, import (and start) %d ms, backup %d bytes%n",
                    exportMillis,
                    importMillis,
                    Files.size(transfers.toFile().listFiles()[0].toPath()));
        } finally {
            destination.carryOut(new DeleteInstance("m2", id(), PROJECT, "c1", "", true));
            destination.close();
            server.stop(0);
        }
    }

    @Test
    void anImageTheDaemonRefusesFailsTheCreateWithTheDaemonsReasonAndLeavesNothingBehind() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        String fingerprint =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(garbage));
        Files.write(images.resolve(fingerprint), garbage); // a verified copy of an image that is no image

        CommandResult refused = result(new CreateInstance(
                MEMBER, id(), PROJECT, "broken", "container", true, fingerprint, "", Map.of(), Map.of()));

        assertThat(refused.status()).isEqualTo(Status.FAILED);
        assertThat(refused.message()).isNotBlank().doesNotContain("could not carry");
        System.out.println("[figures] the daemon's reason for a corrupt image: " + refused.message());
        assertThat(state("broken").status()).isEqualTo(Workload.MISSING);
        assertThat(lxd.lxc("image", "list", "--format", "csv", "--columns", "F"))
                .doesNotContain(fingerprint);
    }

    @Test
    void theDaemonTellsItsCpuThreadsMemoryAndPoolSpace() {
        RuntimeResources resources =
                LxdRuntime.connect(lxd.directory()).resources().orElseThrow();

        assertThat(resources.cpuThreads()).isPositive();
        assertThat(resources.memoryTotal())
                .isGreaterThan(resources.memoryUsed())
                .isPositive();
        assertThat(resources.pool()).isEqualTo("default");
        assertThat(resources.spaceTotal())
                .isGreaterThanOrEqualTo(resources.spaceUsed())
                .isPositive();
    }

    private CommandResult create(String name, boolean start, Map<String, String> config) {
        return result(
                new CreateInstance(MEMBER, id(), PROJECT, name, "container", start, busybox, "", config, Map.of()));
    }

    private InstanceStateReported state(String name) {
        return (InstanceStateReported) workload.carryOut(new ReportInstanceState(MEMBER, id(), PROJECT, name));
    }

    private CommandResult result(AgentCommand command) {
        return (CommandResult) workload.carryOut(command);
    }

    private String id() {
        return "cmd-" + ids.incrementAndGet();
    }
}
