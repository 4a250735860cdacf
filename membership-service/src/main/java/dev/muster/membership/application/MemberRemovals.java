package dev.muster.membership.application;

import dev.muster.membership.cluster.Cluster;
import dev.muster.membership.members.HoldingsView;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Removes members as LXD does: a member that still holds instances is refused unless forced; one that holds the only
 * copy of some images first has them copied elsewhere ({@code muster.member.removal-requested}; the image service
 * copies them), and is refused only if they are still nowhere else after {@code muster.membership.removal-image-wait}.
 */
@Service
public class MemberRemovals {

    private final ClusterService cluster;
    private final HoldingsView holdings;
    private final Duration imageWait;

    MemberRemovals(ClusterService cluster, HoldingsView holdings,
            @Value("${muster.membership.removal-image-wait:30s}") Duration imageWait) {
        this.cluster = cluster;
        this.holdings = holdings;
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
        Cluster.Holdings held = holdings.of(name);
        while (!held.soleImages().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            held = holdings.of(name);
        }
        return held;
    }
}
