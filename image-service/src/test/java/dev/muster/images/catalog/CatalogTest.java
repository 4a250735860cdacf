package dev.muster.images.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The catalog's rules, given images and aliases, when a request, then what to record or a rejection. */
class CatalogTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    static final String ALPINE = "a1b2" + "0".repeat(60);
    static final String DEBIAN = "a1c3" + "0".repeat(60);
    static final String UBUNTU = "ff00" + "0".repeat(60);

    /** What the catalog holds, in memory. */
    static final class Given implements CatalogState {
        final Map<String, Image> images = new TreeMap<>();
        final Map<String, Alias> aliases = new TreeMap<>();

        Given image(String fingerprint) {
            images.put(fingerprint, CatalogTest.image(fingerprint, Map.of("os", "Alpine")));
            return this;
        }

        Given alias(String name, String fingerprint) {
            aliases.put(name, new Alias(name, fingerprint, "described"));
            return this;
        }

        Catalog catalog() {
            return new Catalog(this);
        }

        @Override
        public Optional<Image> byFingerprint(String fingerprint) {
            return Optional.ofNullable(images.get(fingerprint));
        }

        @Override
        public List<Image> withPrefix(String prefix) {
            return images.values().stream()
                    .filter(image -> image.fingerprint().startsWith(prefix))
                    .toList();
        }

        @Override
        public Optional<Alias> alias(String name) {
            return Optional.ofNullable(aliases.get(name));
        }
    }

    static Image image(String fingerprint, Map<String, String> properties) {
        return new Image(
                fingerprint, "alpine.tar.gz", 100, "x86_64", Image.CONTAINER, false, properties, NOW, NOW, false);
    }

    static AbstractThrowableAssert<?, ?> rejected(Runnable request, ImageRejection.Kind kind, String message) {
        return assertThatThrownBy(request::run)
                .isInstanceOfSatisfying(
                        ImageRejection.class, r -> assertThat(r.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

    // ---- images ----

    @Test
    void aNewFingerprintIsAdmitted() {
        Image received = image(ALPINE, Map.of());

        assertThat(new Given().image(UBUNTU).catalog().admit(received)).isEqualTo(received);
    }

    @Test
    void anImageWithTheSameFingerprintIsAConflict() {
        Catalog catalog = new Given().image(ALPINE).catalog();

        rejected(
                () -> catalog.admit(image(ALPINE, Map.of())),
                ImageRejection.Kind.CONFLICT,
                "Image with same fingerprint already exists");
    }

    @Test
    void aUniquePrefixFindsItsImage() {
        Catalog catalog = new Given().image(ALPINE).image(DEBIAN).image(UBUNTU).catalog();

        assertThat(catalog.find("a1b").fingerprint()).isEqualTo(ALPINE);
        assertThat(catalog.find(UBUNTU).fingerprint()).isEqualTo(UBUNTU);
    }

    @Test
    void anAmbiguousPrefixIsInvalid() {
        Catalog catalog = new Given().image(ALPINE).image(DEBIAN).catalog();

        rejected(() -> catalog.find("a1"), ImageRejection.Kind.INVALID, "More than one image matches");
    }

    @Test
    void anUnknownOrEmptyFingerprintIsNotFound() {
        Catalog catalog = new Given().image(ALPINE).catalog();

        rejected(() -> catalog.find("beef"), ImageRejection.Kind.NOT_FOUND, "Image not found");
        rejected(() -> catalog.find(""), ImageRejection.Kind.NOT_FOUND, "Image not found");
    }

    @Test
    void putReplacesPublicAndPropertiesAndWhatItLeavesOutIsFalseOrNone() {
        Image image = image(ALPINE, Map.of("os", "Alpine")).with(true, Map.of("os", "Alpine"));

        assertThat(Catalog.replaced(image, null, null)).satisfies(changed -> {
            assertThat(changed.isPublic()).isFalse();
            assertThat(changed.properties()).isEmpty();
        });
        assertThat(Catalog.replaced(image, true, Map.of("release", "3.20")).properties())
                .containsExactly(Map.entry("release", "3.20"));
    }

    @Test
    void patchMergesPropertiesAndKeepsWhatItLeavesOut() {
        Image image = image(ALPINE, Map.of("os", "Alpine")).with(true, Map.of("os", "Alpine"));

        Image patched = Catalog.patched(image, null, Map.of("release", "3.20"));

        assertThat(patched.isPublic()).isTrue();
        assertThat(patched.properties()).containsOnly(Map.entry("os", "Alpine"), Map.entry("release", "3.20"));
        assertThat(Catalog.patched(image, false, null).properties()).containsOnly(Map.entry("os", "Alpine"));
    }

    // ---- split uploads and exports ----

    @Test
    void aSplitUploadsRootfsPartTellsTheImageType() {
        assertThat(Catalog.typeOfRootfsPart("rootfs")).isEqualTo(Image.CONTAINER);
        assertThat(Catalog.typeOfRootfsPart("rootfs.img")).isEqualTo(Image.VIRTUAL_MACHINE);
        rejected(() -> Catalog.typeOfRootfsPart("disk"), ImageRejection.Kind.INVALID, "Invalid multipart image");
    }

    @Test
    void aSplitUploadMustStartWithItsMetadata() {
        Catalog.requireMetadataPart("metadata");

        rejected(() -> Catalog.requireMetadataPart("rootfs"), ImageRejection.Kind.INVALID, "Invalid multipart image");
    }

    @Test
    void aSplitImageExportsEitherPartOrBoth() {
        Image image = image(ALPINE, Map.of());

        assertThat(Catalog.exportPart(image, true, null)).isEqualTo(Catalog.ExportPart.WHOLE);
        assertThat(Catalog.exportPart(image, true, "metadata")).isEqualTo(Catalog.ExportPart.METADATA);
        assertThat(Catalog.exportPart(image, true, "rootfs")).isEqualTo(Catalog.ExportPart.ROOTFS);
        assertThat(Catalog.exportPart(image, true, "rootfs.img")).isEqualTo(Catalog.ExportPart.ROOTFS);
        rejected(
                () -> Catalog.exportPart(image, true, "kernel"),
                ImageRejection.Kind.INVALID,
                "Unknown image part \"kernel\": metadata or rootfs");
    }

    @Test
    void aUnifiedImageHasNoPartsToExport() {
        Image image = image(ALPINE, Map.of());

        assertThat(Catalog.exportPart(image, false, null)).isEqualTo(Catalog.ExportPart.WHOLE);
        rejected(
                () -> Catalog.exportPart(image, false, "metadata"),
                ImageRejection.Kind.INVALID,
                "Image " + ALPINE + " is a unified image: it has no separate \"metadata\" file");
    }

    @Test
    void aVirtualMachinesRootfsPartIsRootfsImg() {
        Image vm = new Image(ALPINE, "", 1, "x86_64", Image.VIRTUAL_MACHINE, false, Map.of(), NOW, NOW, true);

        assertThat(Catalog.rootfsPartOf(vm)).isEqualTo("rootfs.img");
        assertThat(Catalog.rootfsPartOf(image(ALPINE, Map.of()))).isEqualTo("rootfs");
    }

    // ---- aliases ----

    @Test
    void anAliasIsCreatedForTheImageItsTargetPrefixResolvesTo() {
        Catalog catalog = new Given().image(ALPINE).image(UBUNTU).catalog();

        assertThat(catalog.createAlias("edge", null, "a1")).isEqualTo(new Alias("edge", ALPINE, ""));
        assertThat(catalog.createAlias("noble", "LTS", UBUNTU)).isEqualTo(new Alias("noble", UBUNTU, "LTS"));
    }

    @Test
    void anAliasNeedsANameAndATarget() {
        Catalog catalog = new Given().image(ALPINE).catalog();

        rejected(
                () -> catalog.createAlias("", "", ALPINE), ImageRejection.Kind.INVALID, "name and target are required");
        rejected(
                () -> catalog.createAlias("edge", "", null),
                ImageRejection.Kind.INVALID,
                "name and target are required");
    }

    @Test
    void aTakenAliasNameIsAConflictEvenBeforeTheTargetIsLookedAt() {
        Catalog catalog = new Given().image(ALPINE).alias("edge", ALPINE).catalog();

        rejected(
                () -> catalog.createAlias("edge", "", "beef"),
                ImageRejection.Kind.CONFLICT,
                "Alias \"edge\" already exists");
    }

    @Test
    void anAliasForAnUnknownOrAmbiguousTargetIsRefusedAsTheTargetIs() {
        Catalog catalog = new Given().image(ALPINE).image(DEBIAN).catalog();

        rejected(() -> catalog.createAlias("edge", "", "beef"), ImageRejection.Kind.NOT_FOUND, "Image not found");
        rejected(
                () -> catalog.createAlias("edge", "", "a1"),
                ImageRejection.Kind.INVALID,
                "More than one image matches");
    }

    @Test
    void anUnknownAliasIsNotFound() {
        Catalog catalog = new Given().image(ALPINE).alias("edge", ALPINE).catalog();

        assertThat(catalog.alias("edge").fingerprint()).isEqualTo(ALPINE);
        rejected(() -> catalog.alias("nope"), ImageRejection.Kind.NOT_FOUND, "Image alias not found");
    }

    @Test
    void putRetargetsAnAliasAndRequiresTheTarget() {
        Given given = new Given().image(ALPINE).image(UBUNTU).alias("edge", ALPINE);
        Alias edge = given.catalog().alias("edge");

        assertThat(given.catalog().replaceAlias(edge, null, "ff")).isEqualTo(new Alias("edge", UBUNTU, ""));
        rejected(
                () -> given.catalog().replaceAlias(edge, "d", ""),
                ImageRejection.Kind.INVALID,
                "The target field is required");
        rejected(
                () -> given.catalog().replaceAlias(edge, "d", "beef"),
                ImageRejection.Kind.NOT_FOUND,
                "Image not found");
    }

    @Test
    void patchChangesOnlyWhatItNames() {
        Given given = new Given().image(ALPINE).image(UBUNTU).alias("edge", ALPINE);
        Alias edge = given.catalog().alias("edge");

        assertThat(given.catalog().patchAlias(edge, null, null)).isEqualTo(edge);
        assertThat(given.catalog().patchAlias(edge, "new", "")).isEqualTo(new Alias("edge", ALPINE, "new"));
        assertThat(given.catalog().patchAlias(edge, null, UBUNTU)).isEqualTo(new Alias("edge", UBUNTU, "described"));
    }

    @Test
    void aRenameNeedsANewNameThatIsFree() {
        Given given = new Given().image(ALPINE).alias("edge", ALPINE).alias("stable", ALPINE);
        Alias edge = given.catalog().alias("edge");

        assertThat(given.catalog().renameAlias(edge, "latest")).isEqualTo(new Alias("latest", ALPINE, "described"));
        rejected(() -> given.catalog().renameAlias(edge, null), ImageRejection.Kind.INVALID, "name is required");
        rejected(
                () -> given.catalog().renameAlias(edge, "stable"),
                ImageRejection.Kind.CONFLICT,
                "Alias \"stable\" already exists");
    }
}
