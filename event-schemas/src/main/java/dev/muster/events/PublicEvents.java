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
import dev.muster.events.operations.OperationCancelRequested;
import dev.muster.events.operations.OperationCreated;
import dev.muster.events.operations.OperationFinished;
import dev.muster.events.operations.OperationUpdated;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of public event types: every record here has a JSON Schema and a golden sample. */
public final class PublicEvents {

    public static final List<Class<? extends PublicEvent>> ALL = List.of(
            OperationCreated.class,
            OperationUpdated.class,
            OperationFinished.class,
            OperationCancelRequested.class,
            MemberJoined.class,
            MemberUpdated.class,
            MemberRenamed.class,
            MemberRemoved.class,
            MemberRolesChanged.class,
            MemberEvacuated.class,
            MemberRestored.class,
            MemberStatusChanged.class,
            ClusterGroupCreated.class,
            ClusterGroupUpdated.class,
            ClusterGroupRenamed.class,
            ClusterGroupDeleted.class,
            ServerConfigChanged.class,
            JoinTokenCreated.class,
            QuorumChanged.class,
            MemberWentOffline.class,
            MemberCameOnline.class,
            InstancePlaced.class,
            InstanceDeleted.class,
            PlacementRequested.class,
            PlacementRejected.class,
            InstanceStatusChanged.class,
            EvacuationFinished.class,
            RestoreFinished.class,
            MemberHealed.class,
            ImageReplicaStored.class,
            ImageReplicaLost.class,
            ImageCreated.class,
            ImageDeleted.class,
            ImageUpdated.class,
            ImageReplicaRequested.class,
            ImageReplicaFailed.class,
            MemberRemovalRequested.class,
            Heartbeat.class,
            MemberStopped.class,
            MemberHealingDue.class,
            CopyImage.class,
            VerifyImage.class,
            DeleteImage.class,
            CreateInstance.class,
            StartInstance.class,
            StopInstance.class,
            RestartInstance.class,
            FreezeInstance.class,
            UnfreezeInstance.class,
            DeleteInstance.class,
            ExportInstance.class,
            ImportInstance.class,
            ReportInstanceState.class,
            ReportInventory.class,
            CommandResult.class,
            InstanceStateReported.class,
            InventoryReported.class,
            DeadLettered.class);

    private static final Map<String, Class<? extends PublicEvent>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(c -> typeOf(c).name(), Function.identity()));

    private PublicEvents() {}

    public static EventType typeOf(Class<? extends PublicEvent> eventClass) {
        EventType type = eventClass.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
        }
        return type;
    }

    public static Optional<Class<? extends PublicEvent>> classOf(String typeName) {
        return Optional.ofNullable(BY_TYPE.get(typeName));
    }
}
