package dev.muster.images.tarball;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An upload is read only as far as its metadata.yaml, within bounds, and a decompressor never runs unbounded. */
@Timeout(60)
class TarballLimitsTest {

    private static final byte[] METADATA =
            "architecture: x86_64\ncreation_date: 1700000000\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void metadataYamlAfterTheFirstNEntriesIsNotLookedForAndTheUploadIsRefused() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            entry(tar, "rootfs/file" + i, new byte[100]);
        }
        entry(tar, "metadata.yaml", METADATA);
        Path tarball = gzip(tar, "many.tar.gz");

        assertThat(ImageMetadata.of(tarball).architecture()).isEqualTo("x86_64");
        assertThatThrownBy(() -> ImageMetadata.of(tarball, limits(10, 1 << 20, Duration.ofMinutes(1), Map.of())))
                .isInstanceOf(ImageMetadata.Invalid.class)
                .hasMessageContaining("metadata.yaml was not found within the first 10 entries");
    }

    @Test
    void aHugeEntryBeforeMetadataYamlIsNotDecompressedAndTheUploadIsRefused() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        entry(tar, "rootfs/zeros", new byte[64 << 20]); // compresses to a few dozen KiB
        entry(tar, "metadata.yaml", METADATA);
        Path tarball = gzip(tar, "bomb.tar.gz");

        assertThatThrownBy(() -> ImageMetadata.of(tarball, limits(1000, 1 << 20, Duration.ofMinutes(1), Map.of())))
                .isInstanceOf(ImageMetadata.Invalid.class)
                .hasMessageContaining("metadata.yaml was not found within the first 1000 entries or 1048576 bytes");
    }

    @Test
    void aDecompressorThatStaysSilentIsKilledAfterTheIdleLimit() throws Exception {
        Path pid = dir.resolve("pid");
        Path tarball = Files.write(dir.resolve("image.tar.bz2"), "BZh91AY&SY".getBytes(StandardCharsets.US_ASCII));
        TarballLimits limits = new TarballLimits(
                1000,
                1 << 20,
                Duration.ofMinutes(1),
                Duration.ofMillis(500),
                Map.of("bzip2", hanging(pid).toString()));

        long start = System.nanoTime();
        assertThatThrownBy(() -> ImageMetadata.of(tarball, limits))
                .isInstanceOf(ImageMetadata.Invalid.class)
                .hasMessageContaining("Decompressing the image with bzip2 produced nothing for");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertGone(pid);
    }

    @Test
    void aDecompressorThatRunsTooLongIsKilledAtTheTimeout() throws Exception {
        Path pid = dir.resolve("pid");
        Path tarball = Files.write(dir.resolve("image.tar.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0});
        TarballLimits limits = new TarballLimits(
                1000,
                1 << 20,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                Map.of("zstd", hanging(pid).toString()));

        assertThatThrownBy(() -> ImageMetadata.of(tarball, limits))
                .isInstanceOf(ImageMetadata.Invalid.class)
                .hasMessageContaining("Decompressing the image with zstd took longer than 1 s");
        assertGone(pid);
    }

    private static TarballLimits limits(int entries, long bytes, Duration timeout, Map<String, String> tools) {
        return new TarballLimits(entries, bytes, timeout, timeout, tools);
    }

    /** A decompressor that notes its process id, starts a child, and then never writes a byte. */
    private Path hanging(Path pid) throws IOException {
        Path script = dir.resolve("hang.sh");
        Files.writeString(script, "#!/bin/sh\necho $$ > " + pid + "\nsleep 600 &\necho $! >> " + pid + "\nwait\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** Neither the decompressor nor its child is left running (a killed one not yet reaped by init is dead too). */
    private static void assertGone(Path pid) throws Exception {
        for (String line : Files.readAllLines(pid)) {
            long id = Long.parseLong(line.trim());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (running(id) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(running(id)).as("process " + id + " is still running").isFalse();
        }
    }

    private static boolean running(long id) throws IOException {
        Path stat = Path.of("/proc", Long.toString(id), "stat");
        if (!ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String text = Files.readString(stat);
            return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private Path gzip(ByteArrayOutputStream tar, String name) throws IOException {
        tar.write(new byte[1024]); // the end-of-archive blocks
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            tar.writeTo(out);
        }
        return file;
    }

    /** One ustar entry: its header (name, octal size) and its content padded to 512-byte blocks. */
    private static void entry(ByteArrayOutputStream tar, String name, byte[] content) {
        byte[] header = new byte[512];
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        byte[] size = String.format("%011o", content.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, header, 124, size.length);
        tar.writeBytes(header);
        tar.writeBytes(content);
        tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }
}
