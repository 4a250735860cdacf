package dev.muster.scheduler.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.ViewListeners;
import dev.muster.events.Topics;
import dev.muster.events.health.MemberCameOnline;
import dev.muster.events.health.MemberStopped;
import dev.muster.events.health.MemberWentOffline;
import dev.muster.events.membership.ClusterGroupCreated;
import dev.muster.events.membership.ClusterGroupDeleted;
import dev.muster.events.membership.ClusterGroupRenamed;
import dev.muster.events.membership.ClusterGroupUpdated;
import dev.muster.events.membership.MemberEvacuated;
import dev.muster.events.membership.MemberJoined;
import dev.muster.events.membership.MemberRemoved;
import dev.muster.events.membership.MemberRenamed;
import dev.muster.events.membership.MemberRestored;
import dev.muster.events.membership.MemberUpdated;
import dev.muster.events.membership.ServerConfigChanged;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.scriptlet.ScriptletPolicy;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link ClusterView} from membership's and the health monitor's events. Every scheduler instance reads
 * both topics whole, from the beginning (a consumer group of its own), so its view is rebuilt at each start; the
 * {@link FeedProgress} says when it has caught up.
 */
@Component
class ClusterFeed {

    private final ClusterView view;
    private final EventReader events;
    private final FeedProgress progress;
    private final ScriptletPolicy scriptlet;

    ClusterFeed(ClusterView view, EventReader events, FeedProgress progress, ScriptletPolicy scriptlet) {
        this.view = view;
        this.events = events;
        this.progress = progress;
        this.scriptlet = scriptlet;
    }

    @KafkaListener(
            topics = {Topics.MEMBERSHIP, Topics.HEALTH},
            groupId = "#{@musterInstance.groupId('scheduler-cluster-view')}",
            containerFactory = ViewListeners.FROM_THE_BEGINNING)
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            Instant at = received.envelope().time();
            switch (received.data()) {
                case MemberJoined joined ->
                    view.memberJoined(joined.name(), joined.architecture(), joined.groups(), at);
                case MemberUpdated updated -> view.memberUpdated(updated.name(), updated.config(), updated.groups());
                case MemberRemoved removed -> view.memberRemoved(removed.name());
                case MemberRenamed renamed -> view.memberRenamed(renamed.oldName(), renamed.name());
                case MemberEvacuated evacuated -> view.memberEvacuated(evacuated.name(), true);
                case MemberRestored restored -> view.memberEvacuated(restored.name(), false);
                case ClusterGroupCreated group -> view.groupChanged(group.name(), group.members());
                case ClusterGroupUpdated group -> view.groupChanged(group.name(), group.members());
                case ClusterGroupRenamed group -> view.groupRenamed(group.oldName(), group.name());
                case ClusterGroupDeleted group -> view.groupDeleted(group.name());
                case MemberWentOffline offline -> view.memberOnline(offline.name(), false, at);
                case MemberStopped stopped -> view.memberOnline(stopped.name(), false, at);
                case MemberCameOnline online -> view.memberOnline(online.name(), true, at);
                case ServerConfigChanged changed ->
                    scriptlet.use(changed.config().get("instances.placement.scriptlet"));
                default -> {}
            }
        });
        progress.consumed(record);
    }
}
