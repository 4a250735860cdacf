package dev.muster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarTest {

    @Test
    void eachFileIsAHeaderBlockAndItsContentPaddedToBlocksThenTwoEmptyBlocks() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("metadata.yaml", "architecture: x86_64\n".getBytes(StandardCharsets.UTF_8));
        files.put("rootfs/blob", new byte[513]);

        byte[] tar = Tar.of(files);

        assertThat(tar).hasSize(512 + 512 + 512 + 1024 + 1024);
        assertThat(new String(tar, 0, 13, StandardCharsets.US_ASCII)).isEqualTo("metadata.yaml");
        assertThat(new String(tar, 124, 11, StandardCharsets.US_ASCII)).isEqualTo(String.format("%011o", 21));
        assertThat(new String(tar, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
        assertThat(new String(tar, 1024, 11, StandardCharsets.US_ASCII)).isEqualTo("rootfs/blob");
        assertThat(checksumOf(tar, 0))
                .isEqualTo(Integer.parseInt(new String(tar, 148, 6, StandardCharsets.US_ASCII), 8));
    }

    private static int checksumOf(byte[] tar, int offset) {
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : tar[offset + i] & 0xff;
        }
        return sum;
    }
}
