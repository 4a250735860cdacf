package dev.muster.scheduler.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A moving instance's export is kept whole under its id until the move is over, and only under a plain id. */
class TransferStoreTest {

    @TempDir
    Path directory;

    @Test
    void anExportIsReadBackWholeAndGoneOnceDiscarded() throws IOException {
        TransferStore store = new TransferStore(new TransferSettings(directory.toString(), "http://scheduler:8082/"));
        byte[] data = "rootfs and metadata".getBytes(StandardCharsets.UTF_8);

        assertThat(store.write("t-1", new ByteArrayInputStream(data))).isEqualTo(data.length);
        assertThat(Files.readAllBytes(store.find("t-1").orElseThrow())).isEqualTo(data);
        assertThat(directory.resolve("t-1.partial")).doesNotExist();

        store.discard("t-1");
        assertThat(store.find("t-1")).isEmpty();
    }

    @Test
    void onlyPlainIdsAreTransfersAndTheirUrlIsUnderTheSchedulersBase() {
        assertThat(TransferStore.validId("0b6c3c5e-8f1e-4a53-9d1b-2f4b7d0f9a11"))
                .isTrue();
        assertThat(TransferStore.validId("../etc/passwd")).isFalse();
        assertThat(TransferStore.validId("")).isFalse();
        assertThat(new TransferSettings("", "http://scheduler:8082/").urlOf("t-1"))
                .isEqualTo("http://scheduler:8082/internal/transfers/t-1");
    }
}
