package dev.muster.scheduler.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.scheduler.images.ImagesView;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.MemberFacts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ViewLagTest {

    private final ClusterView view = new ClusterView();

    @Test
    void aLookupIsTriedAgainOnlyWhenTheViewChanges() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        CompletableFuture<Optional<MemberFacts>> found =
                CompletableFuture.supplyAsync(() -> ViewLag.firstFound(Duration.ofSeconds(30), view.changes(), () -> {
                    lookups.incrementAndGet();
                    return view.member("node2");
                }));
        await().atMost(Duration.ofSeconds(10)).until(() -> lookups.get() == 1);
        view.memberJoined("node1", "x86_64", List.of("default"));
        await().atMost(Duration.ofSeconds(10)).until(() -> lookups.get() == 2);

        view.memberJoined("node2", "x86_64", List.of("default"));

        assertThat(found.get(10, TimeUnit.SECONDS)).map(MemberFacts::name).contains("node2");
        assertThat(lookups).hasValue(3);
    }

    @Test
    void whatDoesNotArriveWithinThePatienceIsNotFound() {
        AtomicInteger lookups = new AtomicInteger();

        boolean held = ViewLag.eventually(Duration.ofMillis(200), view.changes(), () -> {
            lookups.incrementAndGet();
            return view.hasGroup("gpu");
        });

        assertThat(held).isFalse();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void anImageLookupIsWokenWhenTheImagesViewChanges() throws Exception {
        ImagesView images = new ImagesView();
        AtomicInteger lookups = new AtomicInteger();
        CompletableFuture<Boolean> aliased =
                CompletableFuture.supplyAsync(() -> ViewLag.eventually(Duration.ofSeconds(30), images.changes(), () -> {
                    lookups.incrementAndGet();
                    return images.withAlias("alpine").isPresent();
                }));
        await().atMost(Duration.ofSeconds(10)).until(() -> lookups.get() >= 1);
        assertThat(aliased).isNotDone();

        images.created("f00d" + "0".repeat(60), "x86_64");
        images.aliasesAre("f00d" + "0".repeat(60), List.of("alpine"));

        assertThat(aliased.get(10, TimeUnit.SECONDS)).isTrue();
    }
}
