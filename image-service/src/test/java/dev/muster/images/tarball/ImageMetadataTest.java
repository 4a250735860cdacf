package dev.muster.images.tarball;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** metadata.yaml read from tarballs made by the real GNU tar, as image builders make them. */
class ImageMetadataTest {

    private static final String METADATA = """
            architecture: x86_64
            creation_date: 1700000000
            properties:
              os: Alpine
              release: "3.20"
              description: Alpine 3.20 amd64
            templates: {}
            """;

    @TempDir
    Path dir;

    @Test
    void aGzipTarballMadeWithDotSlashNamesYieldsArchitectureCreationDateAndProperties() throws Exception {
        Path tarball = tar("czf", "image.tar.gz", METADATA);

        ImageMetadata metadata = ImageMetadata.of(tarball);

        assertThat(metadata.architecture()).isEqualTo("x86_64");
        assertThat(metadata.createdAt()).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(metadata.properties())
                .containsEntry("os", "Alpine")
                .containsEntry("release", "3.20")
                .containsEntry("description", "Alpine 3.20 amd64");
    }

    @Test
    void anUncompressedTarballIsReadToo() throws Exception {
        Path tarball = tar("cf", "image.tar", METADATA);

        assertThat(ImageMetadata.of(tarball).architecture()).isEqualTo("x86_64");
    }

    @Test
    void aTarballWithoutMetadataYamlIsInvalid() throws Exception {
        Path tarball = tar("czf", "image.tar.gz", null);

        assertThatThrownBy(() -> ImageMetadata.of(tarball))
                .isInstanceOf(ImageMetadata.Invalid.class)
                .hasMessageContaining("metadata.yaml");
    }

    @Test
    void metadataWithoutArchitectureIsInvalid() throws Exception {
        Path tarball = tar("czf", "image.tar.gz", "creation_date: 1700000000\n");

        assertThatThrownBy(() -> ImageMetadata.of(tarball))
                .isInstanceOf(ImageMetadata.Invalid.class)
                .hasMessageContaining("architecture");
    }

    @Test
    void metadataThatIsNotYamlIsInvalid() throws Exception {
        Path tarball = tar("czf", "image.tar.gz", "architecture: [x86_64\n  : :\n");

        assertThatThrownBy(() -> ImageMetadata.of(tarball)).isInstanceOf(ImageMetadata.Invalid.class);
    }

    /** Most of LXD's images are .tar.xz: read in-process, whether or not the system has an xz command. */
    @Test
    void anXzTarballIsReadInProcess() throws Exception {
        Path tarball = xz(tar("cf", "image.tar", METADATA), "image.tar.xz");

        ImageMetadata metadata = ImageMetadata.of(tarball);

        assertThat(metadata.architecture()).isEqualTo("x86_64");
        assertThat(metadata.createdAt()).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(metadata.properties()).containsEntry("description", "Alpine 3.20 amd64");
    }

    /** What {@code tar cJf} (the system's xz, as image builders run it) writes is read as well. */
    @Test
    void anXzTarballMadeByGnuTarIsRead() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xz")), "xz is not installed");

        assertThat(ImageMetadata.of(tar("cJf", "image.tar.xz", METADATA)).properties())
                .containsEntry("os", "Alpine");
    }

    @Test
    void anXzTarballWithoutMetadataYamlIsInvalid() throws Exception {
        Path tarball = xz(tar("cf", "image.tar", null), "image.tar.xz");

        assertThatThrownBy(() -> ImageMetadata.of(tarball))
                .isInstanceOf(ImageMetadata.Invalid.class)
                .hasMessageContaining("metadata.yaml");
    }

    @Test
    void aCorruptXzStreamIsInvalid() throws Exception {
        byte[] compressed = Files.readAllBytes(xz(tar("cf", "image.tar", METADATA), "image.tar.xz"));
        for (int i = 60; i < compressed.length - 60; i += 7) {
            compressed[i] ^= 0x55;
        }
        Path damaged = Files.write(dir.resolve("damaged.tar.xz"), compressed);

        assertThatThrownBy(() -> ImageMetadata.of(damaged)).isInstanceOf(ImageMetadata.Invalid.class);
    }

    /** LXD reads tarballs compressed with bzip2 and zstd too (lxc publish --compression …). */
    @Test
    void bzip2AndZstdTarballsAreReadThroughTheSystemDecompressor() throws Exception {
        for (String tool : List.of("bzip2", "zstd")) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/" + tool)), tool + " is not installed");
        }

        assertThat(ImageMetadata.of(tar("cjf", "image.tar.bz2", METADATA)).properties())
                .containsEntry("os", "Alpine");
        assertThat(ImageMetadata.of(tar("-zstd cf", "image.tar.zst", METADATA)).createdAt())
                .isEqualTo(Instant.ofEpochSecond(1700000000));
    }

    /** Random bytes, a truncated archive, or a compression it does not read: refused as invalid, never a crash. */
    @Test
    void filesThatAreNotReadableTarballsAreInvalidNotACrash() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        List<Path> candidates = new ArrayList<>();
        candidates.add(Files.write(dir.resolve("noise"), noise));
        candidates.add(Files.write(dir.resolve("empty"), new byte[0]));
        byte[] whole = Files.readAllBytes(tar("czf", "whole.tar.gz", METADATA));
        candidates.add(Files.write(dir.resolve("truncated.tar.gz"), Arrays.copyOf(whole, whole.length / 3)));
        byte[] compressed = Files.readAllBytes(xz(tar("cf", "whole.tar", METADATA), "whole.tar.xz"));
        candidates.add(Files.write(dir.resolve("truncated.tar.xz"), Arrays.copyOf(compressed, 40)));

        for (Path candidate : candidates) {
            assertThatThrownBy(() -> ImageMetadata.of(candidate))
                    .as(candidate.getFileName().toString())
                    .isInstanceOfAny(ImageMetadata.Invalid.class, IOException.class);
        }
    }

    /** Compresses a file with xz in-process (the library's encoder, default preset, as {@code xz} itself). */
    private Path xz(Path file, String name) throws IOException {
        Path compressed = dir.resolve(name);
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(compressed), new LZMA2Options())) {
            Files.copy(file, out);
        }
        return compressed;
    }

    /** Builds a unified image tarball (metadata.yaml, rootfs/) with GNU tar, entries named ./… as builders do. */
    private Path tar(String mode, String name, String metadata) throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")),
                "tar is not installed");
        Path tree = Files.createTempDirectory(dir, "tree");
        if (metadata != null) {
            Files.writeString(tree.resolve("metadata.yaml"), metadata, StandardCharsets.UTF_8);
        }
        Files.createDirectories(tree.resolve("rootfs/etc"));
        Files.writeString(tree.resolve("rootfs/etc/hostname"), "alpine\n");
        byte[] blob = new byte[70_000];
        new Random(1).nextBytes(blob);
        Files.write(tree.resolve("rootfs/blob"), blob);
        Path tarball = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("tar", "-C", tree.toString()));
        for (String flag : mode.split(" ")) {
            command.add("-" + flag);
        }
        command.addAll(List.of(tarball.toString(), "."));
        Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(output).isZero();
        return tarball;
    }
}
