package dev.muster.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.muster.agent.instances.SimulatedRuntime;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.AgentResult;
import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CommandResult.Status;
import dev.muster.events.agents.CopyImage;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {

    private static final String MEMBER = "m2";
    private static final String PROJECT = "default";
    private static final String OTHER_PROJECT = "staging";
    private static final String NO_IMAGE = "";

    private final Workload workload = new Workload();
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void aCreatedInstanceIsStoppedUntilStarted() {
        assertThat(create("c1", false, "ubuntu/24.04").status()).isEqualTo(Status.DONE);
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.STOPPED);

        assertThat(result(new StartInstance(MEMBER, id(), PROJECT, "c1")).status())
                .isEqualTo(Status.DONE);
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.RUNNING);

        assertThat(result(new StopInstance(MEMBER, id(), PROJECT, "c1", false, -1))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.STOPPED);

        assertThat(result(new DeleteInstance(MEMBER, id(), PROJECT, "c1", "", false))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(workload.instances()).isEmpty();
    }

    @Test
    void createWithStartRunsTheInstanceAndHoldsItsImage() {
        create("c1", true, "abc123");

        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.RUNNING);
        assertThat(workload.images()).containsExactly("abc123");
    }

    @Test
    void startingAnUnknownInstanceFailsWithAMessageNamingIt() {
        CommandResult result = result(new StartInstance(MEMBER, "cmd-ghost", PROJECT, "ghost"));

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message()).isEqualTo("Instance \"ghost\" not found");
        assertThat(result.answers(StartInstance.class)).isTrue();
        assertThat(result)
                .extracting(
                        CommandResult::member, CommandResult::commandId, CommandResult::project, CommandResult::subject)
                .containsExactly(MEMBER, "cmd-ghost", PROJECT, "ghost");
    }

    @Test
    void creatingAnExistingInstanceFails() {
        create("c1", false, NO_IMAGE);

        CommandResult again = create("c1", false, NO_IMAGE);

        assertThat(again.status()).isEqualTo(Status.FAILED);
        assertThat(again.message()).isEqualTo("Instance \"c1\" already exists");
    }

    @Test
    void theSameNameInTwoProjectsIsTwoInstances() {
        create("c1", false, NO_IMAGE);

        assertThat(result(new CreateInstance(
                                MEMBER, id(), OTHER_PROJECT, "c1", "container", true, NO_IMAGE, "", Map.of(), Map.of()))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(result(new StopInstance(MEMBER, id(), OTHER_PROJECT, "c1", false, -1))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(result(new DeleteInstance(MEMBER, id(), PROJECT, "c1", "", false))
                        .status())
                .isEqualTo(Status.DONE);

        assertThat(workload.instances(PROJECT)).isEmpty();
        assertThat(workload.instances(OTHER_PROJECT)).containsExactlyEntriesOf(Map.of("c1", InstanceStatus.STOPPED));
    }

    @Test
    void aRunningInstanceIsDeletedOnlyWhenForced() {
        create("c1", true, NO_IMAGE);

        CommandResult refused = result(new DeleteInstance(MEMBER, id(), PROJECT, "c1", "", false));
        assertThat(refused.status()).isEqualTo(Status.FAILED);
        assertThat(refused.message()).isEqualTo("The instance is running, stop it first (or pass force=true)");
        assertThat(workload.instances()).containsKey("c1");

        assertThat(result(new DeleteInstance(MEMBER, id(), PROJECT, "c1", "evacuation", true))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(workload.instances()).isEmpty();
    }

    @Test
    void aStoppedInstanceIsDeletedWhateverTheReason() {
        create("c1", false, NO_IMAGE);

        assertThat(result(new DeleteInstance(MEMBER, id(), PROJECT, "c1", "move", false))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(workload.instances()).isEmpty();
    }

    @Test
    void aRestartedRunningInstanceIsRunningAgain() {
        create("c1", true, NO_IMAGE);

        assertThat(result(new RestartInstance(MEMBER, id(), PROJECT, "c1", false, -1))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(result(new RestartInstance(MEMBER, id(), PROJECT, "c1", true, -1))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.RUNNING);
    }

    @Test
    void restartingAStoppedInstanceFailsAsLxdSaysAndLeavesItStopped() {
        create("c1", false, NO_IMAGE);

        CommandResult result = result(new RestartInstance(MEMBER, id(), PROJECT, "c1", false, -1));

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message()).isEqualTo("The instance is already stopped");
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.STOPPED);
    }

    @Test
    void restartingAnUnknownInstanceFails() {
        CommandResult result = result(new RestartInstance(MEMBER, id(), PROJECT, "ghost", false, -1));

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message()).isEqualTo("Instance \"ghost\" not found");
    }

    @Test
    void aForcedStopStopsARunningInstance() {
        create("c1", true, NO_IMAGE);

        assertThat(result(new StopInstance(MEMBER, id(), PROJECT, "c1", true, -1))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.STOPPED);
    }

    @Test
    void stoppingAStoppedInstanceIsDoneAndSaysSo() {
        create("c1", false, NO_IMAGE);

        CommandResult result = result(new StopInstance(MEMBER, id(), PROJECT, "c1", true, -1));

        assertThat(result.status()).isEqualTo(Status.DONE);
        assertThat(result.message()).isEqualTo("The instance is already stopped");
    }

    @Test
    void theStateOfAnInstanceIsItsLxdStatusOrMissing() {
        create("c1", true, NO_IMAGE);

        AgentResult running = workload.carryOut(new ReportInstanceState(MEMBER, "state-1", PROJECT, "c1"));
        AgentResult elsewhere = workload.carryOut(new ReportInstanceState(MEMBER, "state-2", OTHER_PROJECT, "c1"));

        assertThat(running)
                .isEqualTo(new InstanceStateReported(MEMBER, "state-1", PROJECT, "c1", "Running", 0, -1, 0, 0));
        assertThat(elsewhere)
                .isEqualTo(new InstanceStateReported(
                        MEMBER, "state-2", OTHER_PROJECT, "c1", Workload.MISSING, 0, -1, 0, 0));
    }

    @Test
    void theInventoryListsEveryInstanceWithProjectTypeAndStatusAndTheImagesHeld() {
        create("c1", true, "f00d");
        result(new CreateInstance(
                MEMBER, id(), OTHER_PROJECT, "v1", "virtual-machine", false, NO_IMAGE, "", Map.of(), Map.of()));
        result(new CopyImage(MEMBER, id(), "beef", "", false));

        AgentResult inventory = workload.carryOut(new ReportInventory(MEMBER, "inventory-1"));

        assertThat(inventory)
                .isEqualTo(new InventoryReported(
                        MEMBER,
                        "inventory-1",
                        List.of(
                                new InventoryInstance(PROJECT, "c1", "container", "Running"),
                                new InventoryInstance(OTHER_PROJECT, "v1", "virtual-machine", "Stopped")),
                        List.of("beef", "f00d")));
    }

    @Test
    void aSimulatedExportIsImportedOnAnotherMemberWithItsTypeAndConfigUnderTheImportsName() throws Exception {
        Map<String, byte[]> transfers = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("PUT")) {
                transfers.put(path, exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(204, -1);
            } else if (transfers.containsKey(path)) {
                exchange.sendResponseHeaders(200, transfers.get(path).length);
                exchange.getResponseBody().write(transfers.get(path));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/exports/c1";
            result(new CreateInstance(
                    MEMBER, id(), PROJECT, "c1", "container", true, NO_IMAGE, "", Map.of("limits.cpu", "2"), Map.of()));
            Workload other = new Workload();

            CommandResult export = result(new ExportInstance(MEMBER, id(), PROJECT, "c1", url));
            CommandResult imported = (CommandResult) other.carryOut(new ImportInstance(
                    "m3", id(), PROJECT, "c1-moved", "", true, url, Map.of("limits.memory", "1GiB")));

            assertThat(export.status()).isEqualTo(Status.DONE);
            assertThat(imported.status()).isEqualTo(Status.DONE);
            assertThat(workload.instances()).containsOnlyKeys("c1");
            assertThat(other.instances()).containsExactlyEntriesOf(Map.of("c1-moved", InstanceStatus.RUNNING));
            assertThat(new String(transfers.get("/exports/c1"), StandardCharsets.UTF_8))
                    .contains("\"limits.cpu\":\"2\"");
            CommandResult again = (CommandResult)
                    other.carryOut(new ImportInstance("m3", id(), PROJECT, "c1-moved", "", false, url, Map.of()));
            assertThat(again.status()).isEqualTo(Status.FAILED);
            assertThat(again.message()).isEqualTo("Instance \"c1-moved\" already exists");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anExportTheDestinationRefusesFailsSayingWhy() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(507, -1);
            exchange.close();
        });
        server.start();
        try {
            create("c1", false, NO_IMAGE);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/exports/c1";

            CommandResult export = result(new ExportInstance(MEMBER, id(), PROJECT, "c1", url));

            assertThat(export.status()).isEqualTo(Status.FAILED);
            assertThat(export.message()).isEqualTo("Export to " + url + " failed: HTTP 507");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFrozenInstanceIsFrozenUntilUnfrozenAndOnlyARunningOneFreezes() {
        create("c1", true, NO_IMAGE);
        create("c2", false, NO_IMAGE);

        assertThat(result(new FreezeInstance(MEMBER, id(), PROJECT, "c1")).status())
                .isEqualTo(Status.DONE);
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.FROZEN);
        assertThat(workload.carryOut(new ReportInstanceState(MEMBER, "state-1", PROJECT, "c1")))
                .extracting("status")
                .isEqualTo("Frozen");
        CommandResult stoppedOne = result(new FreezeInstance(MEMBER, id(), PROJECT, "c2"));
        assertThat(stoppedOne.status()).isEqualTo(Status.FAILED);
        assertThat(stoppedOne.message()).isEqualTo("The instance isn't running");

        assertThat(result(new UnfreezeInstance(MEMBER, id(), PROJECT, "c1")).status())
                .isEqualTo(Status.DONE);
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.RUNNING);
        CommandResult notFrozen = result(new UnfreezeInstance(MEMBER, id(), PROJECT, "c1"));
        assertThat(notFrozen.status()).isEqualTo(Status.FAILED);
        assertThat(notFrozen.message()).isEqualTo("The instance isn't frozen");
    }

    @Test
    void simulatedInstancesKeptInADirectorySurviveARestartOfTheAgent(@TempDir Path directory) {
        Workload before = new Workload(directory, new SimulatedRuntime(directory));
        before.carryOut(new CreateInstance(
                MEMBER, id(), PROJECT, "c1", "container", true, NO_IMAGE, "", Map.of("limits.cpu", "1"), Map.of()));
        before.carryOut(new CreateInstance(
                MEMBER, id(), OTHER_PROJECT, "c2", "container", false, NO_IMAGE, "", Map.of(), Map.of()));
        before.carryOut(new FreezeInstance(MEMBER, id(), PROJECT, "c1"));
        before.close();

        Workload after = new Workload(directory, new SimulatedRuntime(directory));

        assertThat(((InventoryReported) after.carryOut(new ReportInventory(MEMBER, "inventory-after"))).instances())
                .containsExactly(
                        new InventoryInstance(PROJECT, "c1", "container", "Frozen"),
                        new InventoryInstance(OTHER_PROJECT, "c2", "container", "Stopped"));
        assertThat(directory.resolve(SimulatedRuntime.FILE)).isRegularFile();
        assertThat(directory).isDirectoryNotContaining("glob:**.tmp");
        assertThat(new Workload(directory).instances()).isEmpty(); // without the runtime on it, nothing is read
    }

    @Test
    void imageCopyRecordsTheFingerprintHeld() {
        assertThat(result(new CopyImage(MEMBER, id(), "f00d", "", false)).status())
                .isEqualTo(Status.DONE);

        assertThat(workload.images()).containsExactly("f00d");
    }

    private CommandResult create(String name, boolean start, String image) {
        return result(
                new CreateInstance(MEMBER, id(), PROJECT, name, "container", start, image, "", Map.of(), Map.of()));
    }

    private CommandResult result(AgentCommand command) {
        return (CommandResult) workload.carryOut(command);
    }

    private String id() {
        return "cmd-" + ids.incrementAndGet();
    }
}
