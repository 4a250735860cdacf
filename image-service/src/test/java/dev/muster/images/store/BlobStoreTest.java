package dev.muster.images.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    @TempDir
    Path dir;

    @Test
    void aKeptFileIsNamedByItsSha256AndReadBackVerified() throws Exception {
        BlobStore store = new BlobStore(dir, 1 << 20);
        byte[] content = bytes(100_000);

        BlobStore.Stored stored = store.receive(new ByteArrayInputStream(content));
        store.keep(stored);

        assertThat(stored.fingerprint()).isEqualTo(sha256(content));
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(store.verified(stored.fingerprint())).hasValueSatisfying(files -> {
            assertThat(files.file()).hasBinaryContent(content);
            assertThat(files.split()).isFalse();
        });
        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }

    @Test
    void aSplitImageIsKeptAsTwoFilesNamedByTheSha256OfBothInOrder() throws Exception {
        BlobStore store = new BlobStore(dir, 1 << 20);
        byte[] metadata = bytes(3_000);
        byte[] rootfs = bytes(200_000);

        BlobStore.Stored stored;
        try (BlobStore.Receiving receiving = store.receiving()) {
            receiving.file(new ByteArrayInputStream(metadata));
            receiving.file(new ByteArrayInputStream(rootfs));
            stored = receiving.done();
        }
        store.keep(stored);

        assertThat(stored.fingerprint()).isEqualTo(sha256(concat(metadata, rootfs)));
        assertThat(stored.size()).isEqualTo(metadata.length + rootfs.length);
        assertThat(dir.resolve(stored.fingerprint())).hasBinaryContent(metadata);
        assertThat(dir.resolve(stored.fingerprint() + ".rootfs")).hasBinaryContent(rootfs);
        assertThat(store.verified(stored.fingerprint())).hasValueSatisfying(files -> {
            assertThat(files.split()).isTrue();
            assertThat(files.rootfs()).hasBinaryContent(rootfs);
        });
        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }

    @Test
    void aSplitImageWithACorruptRootfsIsNotHandedOutAndIsDeletedWhole() throws Exception {
        BlobStore store = new BlobStore(dir, 1 << 20);
        BlobStore.Stored stored;
        try (BlobStore.Receiving receiving = store.receiving()) {
            receiving.file(new ByteArrayInputStream(bytes(1_000)));
            receiving.file(new ByteArrayInputStream(bytes(20_000)));
            stored = receiving.done();
        }
        store.keep(stored);
        Path rootfs = dir.resolve(stored.fingerprint() + ".rootfs");
        byte[] damaged = Files.readAllBytes(rootfs);
        damaged[19_999] ^= 1;
        Files.write(rootfs, damaged);

        assertThat(store.verified(stored.fingerprint())).isEmpty();

        store.delete(stored.fingerprint());
        assertThat(dir.resolve(stored.fingerprint())).doesNotExist();
        assertThat(rootfs).doesNotExist();
    }

    @Test
    void aSplitUploadAbandonedAfterItsFirstFileLeavesNothing() throws Exception {
        BlobStore store = new BlobStore(dir, 1 << 20);

        try (BlobStore.Receiving receiving = store.receiving()) {
            receiving.file(new ByteArrayInputStream(bytes(5_000)));
            // the second part never came
        }

        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }

    @Test
    void theSizeLimitCountsBothFilesOfASplitUpload() throws Exception {
        BlobStore store = new BlobStore(dir, 50_000);

        try (BlobStore.Receiving receiving = store.receiving()) {
            receiving.file(new ByteArrayInputStream(bytes(30_000)));
            assertThatThrownBy(() -> receiving.file(new ByteArrayInputStream(bytes(30_000))))
                    .isInstanceOf(BlobStore.TooLarge.class);
        }

        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }

    @Test
    void aFileChangedAfterAPassedCheckIsCheckedAgainAndNotHandedOut() throws Exception {
        BlobStore store = new BlobStore(dir, 1 << 20);
        BlobStore.Stored stored = store.receive(new ByteArrayInputStream(bytes(10_000)));
        Path file = store.keep(stored);
        assertThat(store.verified(stored.fingerprint())).isPresent(); // checked, and the check stands for a while

        FileTime before = Files.getLastModifiedTime(file);
        byte[] damaged = Files.readAllBytes(file);
        damaged[5000] ^= 1;
        Files.write(file, damaged);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 1000));

        assertThat(store.verified(stored.fingerprint())).isEmpty();
    }

    @Test
    void aCorruptedFileIsNotHandedOut() throws Exception {
        BlobStore store = new BlobStore(dir, 1 << 20);
        BlobStore.Stored stored = store.receive(new ByteArrayInputStream(bytes(10_000)));
        Path file = store.keep(stored);

        byte[] damaged = Files.readAllBytes(file);
        damaged[5000] ^= 1;
        Files.write(file, damaged);

        assertThat(store.verified(stored.fingerprint())).isEmpty();
    }

    @Test
    void anOversizedUploadIsRefusedAndLeavesNoPartialFile() {
        BlobStore store = new BlobStore(dir, 50_000);

        assertThatThrownBy(() -> store.receive(new ByteArrayInputStream(bytes(50_001))))
                .isInstanceOf(BlobStore.TooLarge.class);

        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }

    @Test
    void anUploadCutOffMidwayLeavesNoPartialFile() {
        BlobStore store = new BlobStore(dir, 1 << 20);
        InputStream breaking = new InputStream() {
            int left = 30_000;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw new IOException("connection reset");
                }
                left--;
                return 7;
            }
        };

        assertThatThrownBy(() -> store.receive(breaking)).isInstanceOf(IOException.class);

        assertThat(dir.resolve("incoming")).isEmptyDirectory();
    }

    @Test
    void theStoreSurvivesARestart() throws Exception {
        byte[] content = bytes(1234);
        String fingerprint = new BlobStore(dir, 1 << 20)
                .keep(new BlobStore(dir, 1 << 20).receive(new ByteArrayInputStream(content)))
                .getFileName()
                .toString();

        assertThat(new BlobStore(dir, 1 << 20).verified(fingerprint)).isPresent();
    }

    @Test
    void namesThatAreNotFingerprintsAreRefused() {
        BlobStore store = new BlobStore(dir, 1 << 20);

        assertThatThrownBy(() -> store.verified("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
