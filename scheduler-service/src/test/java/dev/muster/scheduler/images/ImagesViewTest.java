package dev.muster.scheduler.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImagesViewTest {

    private static final String ALPINE = "a1b2c3" + "0".repeat(58);
    private static final String ALMA = "a1b2d4" + "1".repeat(58);

    private final ImagesView view = new ImagesView();

    @Test
    void anImportedImageIsFoundByItsWholeFingerprintOrAUniquePrefix() {
        view.created(ALPINE, "x86_64");
        view.created(ALMA, "aarch64");

        assertThat(view.withFingerprint(ALPINE))
                .isEqualTo(new ImagesView.Match.Found(new ImagesView.Image(ALPINE, "x86_64", Set.of(), Set.of())));
        assertThat(view.withFingerprint("a1b2d"))
                .extracting(match -> ((ImagesView.Match.Found) match).image().architecture())
                .isEqualTo("aarch64");
        assertThat(view.withFingerprint("a1b2")).isInstanceOf(ImagesView.Match.Ambiguous.class);
        assertThat(view.withFingerprint("ffff")).isInstanceOf(ImagesView.Match.NotFound.class);
        assertThat(view.withFingerprint("A1B2C3"))
                .as("fingerprints are matched as the image service matches them")
                .isInstanceOf(ImagesView.Match.NotFound.class);
    }

    @Test
    void anAliasNamesTheImageWhoseLatestUpdateListsIt() {
        view.created(ALPINE, "x86_64");
        view.aliasesAre(ALPINE, List.of("alpine", "edge"));

        assertThat(view.withAlias("alpine"))
                .get()
                .extracting(ImagesView.Image::fingerprint)
                .isEqualTo(ALPINE);
        assertThat(view.withAlias("alp"))
                .as("an alias is matched by its exact name")
                .isEmpty();

        view.aliasesAre(ALPINE, List.of("edge"));

        assertThat(view.withAlias("alpine")).isEmpty();
        assertThat(view.withAlias("edge")).isPresent();
    }

    @Test
    void anAliasMovedToAnotherImageStaysThereWhicheverImagesUpdateArrivesFirst() {
        view.created(ALPINE, "x86_64");
        view.created(ALMA, "aarch64");
        view.aliasesAre(ALPINE, List.of("latest"));

        view.aliasesAre(ALMA, List.of("latest")); // the new image's update arrives first (another partition)
        view.aliasesAre(ALPINE, List.of());

        assertThat(view.withAlias("latest"))
                .get()
                .extracting(ImagesView.Image::fingerprint)
                .isEqualTo(ALMA);
    }

    @Test
    void aDeletedImageAndItsAliasesAreGone() {
        view.created(ALPINE, "x86_64");
        view.aliasesAre(ALPINE, List.of("alpine"));

        view.deleted(ALPINE);

        assertThat(view.withAlias("alpine")).isEmpty();
        assertThat(view.withFingerprint(ALPINE)).isInstanceOf(ImagesView.Match.NotFound.class);
    }

    @Test
    void holdersFollowStoredAndLostReplicas() {
        view.created(ALPINE, "x86_64");

        view.replicaStored(ALPINE, "m1");
        view.replicaStored(ALPINE, "m2");
        view.replicaLost(ALPINE, "m1");

        assertThat(view.holds(ALPINE, "m1")).isFalse();
        assertThat(view.holds(ALPINE, "m2")).isTrue();
        assertThat(view.withAlias("none")).isEmpty();
        assertThat(((ImagesView.Match.Found) view.withFingerprint(ALPINE))
                        .image()
                        .holders())
                .containsExactly("m2");
    }

    @Test
    void aMemberWithoutTheImageIsAskedForACopyOnceUntilItsCopyIsAnnouncedOrOverdue() {
        view.created(ALPINE, "x86_64");
        view.replicaStored(ALPINE, "m1");
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(view.askCopy(ALPINE, "m1", now)).as("a holder").isFalse();
        assertThat(view.askCopy(ALPINE, "m2", now)).isTrue();
        assertThat(view.askCopy(ALPINE, "m2", now.plusSeconds(1)))
                .as("asked already")
                .isFalse();
        assertThat(view.askCopy(ALPINE, "m2", now.plus(ImagesView.COPY_PATIENCE)))
                .as("overdue")
                .isTrue();

        view.replicaStored(ALPINE, "m2");
        view.replicaLost(ALPINE, "m2");

        assertThat(view.askCopy(ALPINE, "m2", now.plus(ImagesView.COPY_PATIENCE).plusSeconds(1)))
                .as("its copy was lost")
                .isTrue();
    }

    @Test
    void aFailedCopyIsAskedForAgainAtTheNextCreation() {
        view.created(ALPINE, "x86_64");
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        view.askCopy(ALPINE, "m2", now);

        view.copyFailed(ALPINE, "m2");

        assertThat(view.askCopy(ALPINE, "m2", now.plusSeconds(1))).isTrue();
    }

    @Test
    void copiesAskedInARolledBackBatchAreAskedAgain() {
        view.created(ALPINE, "x86_64");
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        view.askCopy(ALPINE, "m2", now);

        view.forgetAskedCopies();

        assertThat(view.askCopy(ALPINE, "m2", now)).isTrue();
    }

    @Test
    void eventsAboutAnImageNotKnownChangeNothing() {
        view.aliasesAre(ALPINE, List.of("alpine"));
        view.replicaStored(ALPINE, "m1");

        assertThat(view.withAlias("alpine")).isEmpty();
        assertThat(view.holds(ALPINE, "m1")).isFalse();
    }
}
