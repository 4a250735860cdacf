package dev.muster.membership.application;

import dev.muster.eventing.postgres.ChannelWatch;
import dev.muster.membership.cluster.Cluster;
import dev.muster.membership.members.HoldingsView;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Removes members as LXD does: a member that still holds instances is refused unless forced; one that holds the only
 * copy of some images first has them copied elsewhere ({@code muster.member.removal-requested}; the image service
 * copies them), and is refused only if they are still nowhere else after {@code muster.membership.removal-image-wait}.
 * The wait looks again each time a change to the image replicas commits, in whichever process of the service consumed
 * it ({@code NOTIFY muster_image_replicas}).
 */
@Service
public class MemberRemovals {

    private final ClusterService cluster;
    private final HoldingsView holdings;
    private final ChannelWatch replicaChanges;
    private final Duration imageWait;

    MemberRemovals(
            ClusterService cluster,
            HoldingsView holdings,
            ChannelWatch replicaChanges,
            @Value("${muster.membership.removal-image-wait}") Duration imageWait) {
        this.cluster = cluster;
        this.holdings = holdings;
        this.replicaChanges = replicaChanges;
        this.imageWait = imageWait;
    }

    public void remove(String name, boolean forced) {
        Cluster.Holdings held = holdings.of(name);
        if (!forced && held.instances().isEmpty() && !held.soleImages().isEmpty()) {
            cluster.executeEvents(c -> c.requestRemoval(name));
            held = awaitCopiesElsewhere(name);
        }
        Cluster.Holdings decided = held;
        cluster.executeEvents(c -> c.removeMember(name, forced, decided));
    }

    private Cluster.Holdings awaitCopiesElsewhere(String name) {
        long deadline = System.nanoTime() + imageWait.toNanos();
        while (true) {
            long seen = replicaChanges.version(); // taken before looking, so a copy committed meanwhile is not missed
            Cluster.Holdings held = holdings.of(name);
            if (held.soleImages().isEmpty()) {
                return held;
            }
            try {
                if (!replicaChanges.awaitChangeAfter(seen, Duration.ofNanos(deadline - System.nanoTime()))) {
                    return held;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return held;
            }
        }
    }
}
