package dev.muster.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.events.heartbeats.Heartbeat;
import dev.muster.events.membership.ClusterGroupRenamed;
import dev.muster.events.membership.MemberJoined;
import dev.muster.events.membership.QuorumChanged;
import dev.muster.events.membership.ServerConfigChanged;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LxdLifecycleTest {

    @Test
    void membershipEventsAreLxdLifecycleEventsAboutTheirEntity() {
        MemberJoined joined = (MemberJoined) Samples.of(MemberJoined.class);

        assertThat(LxdLifecycle.of(joined))
                .contains(new LxdLifecycle("cluster-member-added", "/1.0/cluster/members/" + joined.name()));
        assertThat(LxdLifecycle.of(new ClusterGroupRenamed("gpu", "old")))
                .contains(new LxdLifecycle("cluster-group-renamed", "/1.0/cluster/groups/gpu"));
        assertThat(LxdLifecycle.of(new QuorumChanged(false, 1, 3)))
                .contains(new LxdLifecycle("cluster-member-updated", "/1.0/cluster"));
        assertThat(LxdLifecycle.of(new ServerConfigChanged(Map.of())))
                .contains(new LxdLifecycle("config-updated", "/1.0"));
    }

    @Test
    void eventsLxdDoesNotReportHaveNoLifecycle() {
        assertThat(LxdLifecycle.of(Samples.of(Heartbeat.class))).isEmpty();
    }
}
