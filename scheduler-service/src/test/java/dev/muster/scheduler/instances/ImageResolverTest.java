package dev.muster.scheduler.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.scheduler.images.ImagesView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageResolverTest {

    private static final String ALPINE = "a1b2c3" + "0".repeat(58);
    private static final String ALMA = "a1b2d4" + "1".repeat(58);

    private final ImagesView view = new ImagesView();
    private final ImageResolver resolver = new ImageResolver(view, Duration.ZERO);

    ImageResolverTest() {
        view.created(ALPINE, "x86_64");
        view.aliasesAre(ALPINE, List.of("alpine"));
        view.created(ALMA, "aarch64");
    }

    @Test
    void anAliasOrAFingerprintPrefixNamesItsImage() {
        assertThat(resolver.resolve(new ImageSource("alpine", null, null)).fingerprint())
                .isEqualTo(ALPINE);
        assertThat(resolver.resolve(new ImageSource(null, "a1b2d", "")).fingerprint())
                .isEqualTo(ALMA);
        assertThat(resolver.resolve(new ImageSource(null, ALMA, null)).architecture())
                .isEqualTo("aarch64");
    }

    @Test
    void aFingerprintComesBeforeAnAliasAsInLxd() {
        assertThat(resolver.resolve(new ImageSource("alpine", "a1b2d", null)).fingerprint())
                .isEqualTo(ALMA);
    }

    @Test
    void whatNamesNoImageIsRefusedWithLxdsErrors() {
        assertRefused(new ImageSource("debian", null, null), InstanceRejection.Kind.NOT_FOUND, "Image alias not found");
        assertRefused(new ImageSource(null, "ffff", null), InstanceRejection.Kind.NOT_FOUND, "Image not found");
        assertRefused(
                new ImageSource(null, "a1b2", null), InstanceRejection.Kind.INVALID, "More than one image matches");
        assertRefused(
                new ImageSource("", "", ""),
                InstanceRejection.Kind.INVALID,
                "Must specify one of alias, fingerprint or properties for init from image");
    }

    @Test
    void aRemoteImageServerIsRefusedEvenForAnAliasKnownHere() {
        assertThatThrownBy(
                        () -> resolver.resolve(new ImageSource("alpine", null, "https://images.linuxcontainers.org")))
                .isInstanceOfSatisfying(InstanceRejection.class, e -> {
                    assertThat(e.kind()).isEqualTo(InstanceRejection.Kind.INVALID);
                    assertThat(e.getMessage())
                            .startsWith("Muster creates instances only from images imported into the cluster")
                            .contains("https://images.linuxcontainers.org");
                });
    }

    @Test
    void anImageImportedAMomentAgoIsWaitedFor() throws Exception {
        String fresh = "f00d" + "2".repeat(60);
        ImageResolver patient = new ImageResolver(view, Duration.ofSeconds(30));
        Thread importer = Thread.ofVirtual().start(() -> {
            sleep(100);
            view.created(fresh, "x86_64");
            view.aliasesAre(fresh, List.of("fresh"));
        });

        assertThat(patient.resolve(new ImageSource("fresh", null, null)).fingerprint())
                .isEqualTo(fresh);
        importer.join();
    }

    private void assertRefused(ImageSource source, InstanceRejection.Kind kind, String message) {
        assertThatThrownBy(() -> resolver.resolve(source)).isInstanceOfSatisfying(InstanceRejection.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
