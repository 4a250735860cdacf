package dev.muster.events;

import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.DeleteImage;
import dev.muster.events.agents.DeleteInstance;
import dev.muster.events.agents.ExportInstance;
import dev.muster.events.agents.FreezeInstance;
import dev.muster.events.agents.ImportInstance;
import dev.muster.events.agents.InstanceStateReported;
import dev.muster.events.agents.InventoryReported;
import dev.muster.events.agents.ReportInstanceState;
import dev.muster.events.agents.ReportInventory;
import dev.muster.events.agents.RestartInstance;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.StopInstance;
import dev.muster.events.agents.UnfreezeInstance;
import dev.muster.events.agents.VerifyImage;
import dev.muster.events.deadletters.DeadLettered;
import dev.muster.events.health.MemberCameOnline;
import dev.muster.events.health.MemberHealingDue;
import dev.muster.events.health.MemberStopped;
import dev.muster.events.health.MemberWentOffline;
import dev.muster.events.heartbeats.Heartbeat;
import dev.muster.events.heartbeats.MemberState;
import dev.muster.events.images.ImageCreated;
import dev.muster.events.images.ImageDeleted;
import dev.muster.events.images.ImageReplicaFailed;
import dev.muster.events.images.ImageReplicaLost;
import dev.muster.events.images.ImageReplicaRequested;
import dev.muster.events.images.ImageReplicaStored;
import dev.muster.events.images.ImageUpdated;
import dev.muster.events.instances.EvacuationFinished;
import dev.muster.events.instances.InstanceDeleted;
import dev.muster.events.instances.InstancePlaced;
import dev.muster.events.instances.InstanceStatusChanged;
import dev.muster.events.instances.MemberHealed;
import dev.muster.events.instances.PlacementRejected;
import dev.muster.events.instances.PlacementRequested;
import dev.muster.events.instances.RestoreFinished;
import dev.muster.events.membership.ClusterGroupCreated;
import dev.muster.events.membership.ClusterGroupDeleted;
import dev.muster.events.membership.ClusterGroupRenamed;
import dev.muster.events.membership.ClusterGroupUpdated;
import dev.muster.events.membership.JoinTokenCreated;
import dev.muster.events.membership.MemberEvacuated;
import dev.muster.events.membership.MemberJoined;
import dev.muster.events.membership.MemberRemovalRequested;
import dev.muster.events.membership.MemberRemoved;
import dev.muster.events.membership.MemberRenamed;
import dev.muster.events.membership.MemberRestored;
import dev.muster.events.membership.MemberRolesChanged;
import dev.muster.events.membership.MemberStatusChanged;
import dev.muster.events.membership.MemberUpdated;
import dev.muster.events.membership.QuorumChanged;
import dev.muster.events.membership.ServerConfigChanged;
import dev.muster.events.operations.Operation;
import dev.muster.events.operations.OperationCancelRequested;
import dev.muster.events.operations.OperationCreated;
import dev.muster.events.operations.OperationFinished;
import dev.muster.events.operations.OperationStatus;
import dev.muster.events.operations.OperationUpdated;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One representative instance of every public event type, filled in on every field. */
final class Samples {

    static final Instant CREATED = Instant.parse("2026-11-23T10:15:30.123456Z");
    static final Instant UPDATED = Instant.parse("2026-11-23T10:15:31.5Z");

    private static final Operation RUNNING = new Operation(
            "6916c8a6-9b7d-4abb-90dd-6ca3fa3d4a2f",
            "task",
            "Evacuating cluster member",
            CREATED,
            UPDATED,
            OperationStatus.RUNNING.text(),
            OperationStatus.RUNNING.code(),
            Map.of("cluster", List.of("/1.0/cluster/members/m1")),
            Map.of("evacuation_progress", "Migrating \"c1\" to \"m2\""),
            true,
            "",
            "m1");

    static PublicEvent of(Class<? extends PublicEvent> type) {
        if (type == OperationCreated.class) {
            return new OperationCreated(RUNNING, "membership-service");
        } else if (type == OperationUpdated.class) {
            return new OperationUpdated(RUNNING);
        } else if (type == OperationFinished.class) {
            return new OperationFinished(
                    RUNNING.with(OperationStatus.FAILURE, UPDATED, Map.of(), "Instance \"c1\" failed to start"));
        } else if (type == OperationCancelRequested.class) {
            return new OperationCancelRequested(RUNNING.id(), "membership-service");
        }
        if (type == Heartbeat.class) {
            return new Heartbeat(
                    "m1",
                    42,
                    UPDATED,
                    "http://10.0.0.1:8444/members/m1",
                    new MemberState(
                            new MemberState.SysInfo(
                                    3600,
                                    List.of(0.5, 0.25, 0.125),
                                    8_589_934_592L,
                                    4_294_967_296L,
                                    1_048_576L,
                                    2_097_152L,
                                    1_073_741_824L,
                                    1_073_741_824L,
                                    321,
                                    4),
                            Map.of(
                                    "local",
                                    new MemberState.StoragePoolState(
                                            new MemberState.Usage(10_737_418_240L, 107_374_182_400L),
                                            new MemberState.Usage(1000, 6_553_600))),
                            new MemberState.Resources(
                                    new MemberState.Cpu("x86_64", 4),
                                    new MemberState.Memory(4_294_967_296L, 8_589_934_592L))),
                    false,
                    "http://10.0.0.1:8445");
        } else if (type == DeadLettered.class) {
            return new DeadLettered(
                    "scheduler-service",
                    DeadLettered.CONSUME,
                    "muster.placement-requests.v1",
                    "c1",
                    "5f0c8a52-9d3e-4b71-8a26-0e4f1c7b9d10",
                    "muster.instances.placement-requested",
                    "2@1041",
                    912,
                    "IllegalArgumentException: Unknown cluster group \"gpu\"",
                    UPDATED);
        } else if (type == MemberStopped.class) {
            return new MemberStopped("m3", UPDATED);
        } else if (type == MemberHealingDue.class) {
            return new MemberHealingDue("m3", CREATED, "probe refused: http://10.0.0.3:8444/members/m3");
        } else if (type == CopyImage.class) {
            return new CopyImage(
                    "m2",
                    "cmd-1",
                    "5a9ed0d7c1ec0ae5e2ab0ec4d06e5e33b9d7f6be2a4e5b5a5c4c7e7e0d3e1a2b",
                    "http://127.0.0.1:8083/1.0/images/5a9e/export",
                    true);
        } else if (type == VerifyImage.class) {
            return new VerifyImage("m2", "cmd-1", "5a9ed0d7c1ec0ae5e2ab0ec4d06e5e33b9d7f6be2a4e5b5a5c4c7e7e0d3e1a2b");
        } else if (type == DeleteImage.class) {
            return new DeleteImage("m2", "cmd-1", "5a9ed0d7c1ec0ae5e2ab0ec4d06e5e33b9d7f6be2a4e5b5a5c4c7e7e0d3e1a2b");
        } else if (type == CreateInstance.class) {
            return new CreateInstance(
                    "m2",
                    "cmd-1",
                    "default",
                    "c1",
                    "container",
                    true,
                    "5a9ed0d7c1ec0ae5e2ab0ec4d06e5e33b9d7f6be2a4e5b5a5c4c7e7e0d3e1a2b",
                    "http://127.0.0.1:8083/1.0/images/5a9e/export",
                    Map.of("limits.cpu", "2", "limits.memory", "512MiB"),
                    Map.of("root", Map.of("type", "disk", "path", "/", "pool", "default")));
        } else if (type == StartInstance.class) {
            return new StartInstance("m2", "cmd-1", "default", "c1");
        } else if (type == StopInstance.class) {
            return new StopInstance("m2", "cmd-1", "default", "c1", true, 30);
        } else if (type == RestartInstance.class) {
            return new RestartInstance("m2", "cmd-1", "default", "c1", false, -1);
        } else if (type == FreezeInstance.class) {
            return new FreezeInstance("m2", "cmd-1", "default", "c1");
        } else if (type == UnfreezeInstance.class) {
            return new UnfreezeInstance("m2", "cmd-1", "default", "c1");
        } else if (type == DeleteInstance.class) {
            return new DeleteInstance("m2", "cmd-1", "default", "c1", "evacuation", true);
        } else if (type == ExportInstance.class) {
            return new ExportInstance("m2", "cmd-1", "default", "c1", "http://127.0.0.1:8082/internal/transfers/c1");
        } else if (type == ImportInstance.class) {
            return new ImportInstance(
                    "m3",
                    "cmd-2",
                    "default",
                    "c1",
                    "container",
                    true,
                    "http://127.0.0.1:8082/internal/transfers/c1",
                    Map.of("limits.memory", "512MiB"));
        } else if (type == ReportInstanceState.class) {
            return new ReportInstanceState("m2", "cmd-1", "default", "c1");
        } else if (type == ReportInventory.class) {
            return new ReportInventory("m2", "cmd-1");
        } else if (type == CommandResult.class) {
            return new CommandResult(
                    "m2",
                    "cmd-1",
                    "muster.agent.start-instance",
                    "default",
                    "c1",
                    CommandResult.Status.FAILED,
                    "Instance \"c1\" failed to start");
        } else if (type == InstanceStateReported.class) {
            return new InstanceStateReported(
                    "m2", "cmd-1", "default", "c1", "Running", 4242, 3, 12_582_912, 150_000_000);
        } else if (type == InventoryReported.class) {
            return new InventoryReported(
                    "m2",
                    "cmd-1",
                    List.of(new InventoryReported.InventoryInstance("default", "c1", "container", "Running")),
                    List.of("5a9ed0d7c1ec0ae5e2ab0ec4d06e5e33b9d7f6be2a4e5b5a5c4c7e7e0d3e1a2b"));
        } else if (type == InstancePlaced.class) {
            return new InstancePlaced("c1", "default", "m2", "new");
        } else if (type == ImageCreated.class) {
            return new ImageCreated(
                    "5f3c1e0d8a9b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d",
                    "x86_64",
                    1048576,
                    "alpine.tar.gz");
        } else if (type == ImageDeleted.class) {
            return new ImageDeleted("5f3c1e0d8a9b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d");
        } else if (type == InstanceDeleted.class) {
            return new InstanceDeleted("c1", "default", "m2");
        } else if (type == PlacementRequested.class) {
            return new PlacementRequested(
                    "c1",
                    "default",
                    "new",
                    "container",
                    "",
                    "gpu",
                    "x86_64",
                    true,
                    "",
                    Map.of("limits.cpu", "2"),
                    Map.of("root", Map.of("type", "disk", "path", "/", "pool", "local")),
                    List.of("default"),
                    "6916c1d2-5b0e-4f4f-9f55-2a3c1f0b7e10");
        } else if (type == PlacementRejected.class) {
            return new PlacementRejected("c1", "default", "new", "No suitable cluster member could be found");
        } else if (type == EvacuationFinished.class) {
            return new EvacuationFinished("m2", "migrate", "6916c1d2-5b0e-4f4f-9f55-2a3c1f0b7e10", 19, List.of("db1"));
        } else if (type == RestoreFinished.class) {
            return new RestoreFinished("m2", "6916c1d2-5b0e-4f4f-9f55-2a3c1f0b7e10", 19, 1);
        } else if (type == MemberHealed.class) {
            return new MemberHealed("m2", 19, List.of("db1"));
        } else if (type == InstanceStatusChanged.class) {
            return new InstanceStatusChanged("c1", "default", "m2", "Running");
        } else if (type == ImageReplicaStored.class) {
            return new ImageReplicaStored("0c3a8e1bd4f2", "m1");
        } else if (type == ImageReplicaLost.class) {
            return new ImageReplicaLost("0c3a8e1bd4f2", "m1");
        } else if (type == ImageUpdated.class) {
            return new ImageUpdated("0c3a8e1bd4f2", true, Map.of("os", "alpine"), List.of("alpine/3.20"));
        } else if (type == ImageReplicaRequested.class) {
            return new ImageReplicaRequested("0c3a8e1bd4f2", "m3", "image-copy/5b0e4f4f", "replication");
        } else if (type == ImageReplicaFailed.class) {
            return new ImageReplicaFailed("0c3a8e1bd4f2", "m3", "image-copy/5b0e4f4f", "Image download is corrupt");
        }
        if (type.getPackageName().endsWith("membership")
                || type.getPackageName().endsWith("health")) {
            return membershipSample(type);
        }
        throw new IllegalArgumentException("no sample for " + type.getName() + ": add one when adding an event type");
    }

    private static PublicEvent membershipSample(Class<? extends PublicEvent> type) {
        List<String> roles = List.of("database-leader", "database");
        return switch (type.getSimpleName()) {
            case "MemberJoined" ->
                new MemberJoined("m1", "https://10.0.0.1:8443", "x86_64", "rack1", List.of("default"), roles);
            case "MemberUpdated" ->
                new MemberUpdated(
                        "m1",
                        "first",
                        "rack1",
                        Map.of("scheduler.instance", "group"),
                        List.of("default", "gpu"),
                        List.of("event-hub", "database"));
            case "MemberRenamed" -> new MemberRenamed("m9", "m1");
            case "MemberRemoved" -> new MemberRemoved("m1", true);
            case "MemberRemovalRequested" -> new MemberRemovalRequested("m1");
            case "MemberRolesChanged" -> new MemberRolesChanged("m1", roles, true);
            case "MemberEvacuated" -> new MemberEvacuated("m1", "migrate", RUNNING.id());
            case "MemberRestored" -> new MemberRestored("m1", "skip", RUNNING.id());
            case "MemberStatusChanged" ->
                new MemberStatusChanged("m1", "Offline", "No heartbeat for 21s (2026-11-23 10:15:30 +0000 UTC)");
            case "ClusterGroupCreated" -> new ClusterGroupCreated("gpu", "GPU hosts", List.of("m1"));
            case "ClusterGroupUpdated" -> new ClusterGroupUpdated("gpu", "GPU hosts", List.of("m1", "m2"));
            case "ClusterGroupRenamed" -> new ClusterGroupRenamed("gpus", "gpu");
            case "ClusterGroupDeleted" -> new ClusterGroupDeleted("gpu");
            case "ServerConfigChanged" -> new ServerConfigChanged(Map.of("cluster.offline_threshold", "12"));
            case "JoinTokenCreated" -> new JoinTokenCreated("m2", RUNNING.id(), UPDATED);
            case "QuorumChanged" -> new QuorumChanged(false, 1, 3);
            case "MemberWentOffline" -> new MemberWentOffline("m1", CREATED, 20);
            case "MemberCameOnline" -> new MemberCameOnline("m1", UPDATED);
            default -> throw new IllegalArgumentException("no sample for " + type.getName());
        };
    }

    private Samples() {}
}
