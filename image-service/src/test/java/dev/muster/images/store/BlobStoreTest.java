package dev.muster.images.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
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
        assertThat(store.verified(stored.fingerprint())).hasValueSatisfying(path -> assertThat(path).hasBinaryContent(content));
        assertThat(dir.resolve("incoming")).isEmptyDirectory();
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

        assertThatThrownBy(() -> store.receive(new ByteArrayInputStream(bytes(50_001)))).isInstanceOf(BlobStore.TooLarge.class);

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
        String fingerprint = new BlobStore(dir, 1 << 20).keep(new BlobStore(dir, 1 << 20).receive(new ByteArrayInputStream(content)))
                .getFileName().toString();

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

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
