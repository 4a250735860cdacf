package dev.muster.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {

    @Test
    void theAcceptKeyIsRfc6455sExample() {
        assertThat(WebSocketFrames.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void aMaskedClientFrameIsReadUnmasked() throws IOException {
        // RFC 6455 5.7: a masked "Hello"
        byte[] frame = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};

        WebSocketFrames.Frame read = WebSocketFrames.next(ByteBuffer.wrap(frame));

        assertThat(read.opcode()).isEqualTo(WebSocketFrames.TEXT);
        assertThat(new String(read.payload(), StandardCharsets.UTF_8)).isEqualTo("Hello");
    }

    @Test
    void serverFramesAreUnmaskedWithTheShortestLength() throws IOException {
        assertThat(WebSocketFrames.text("Hello")).containsExactly(0x81, 0x05, 'H', 'e', 'l', 'l', 'o');

        byte[] medium = WebSocketFrames.frame(WebSocketFrames.TEXT, new byte[300]);
        assertThat(medium).startsWith(0x81, 126, 0x01, 0x2C).hasSize(304);
        byte[] large = WebSocketFrames.frame(WebSocketFrames.TEXT, new byte[70_000]);
        assertThat(large).startsWith(0x81, 127, 0, 0, 0, 0, 0, 0x01, 0x11, 0x70).hasSize(70_010);

        WebSocketFrames.Frame back = WebSocketFrames.next(ByteBuffer.wrap(medium));
        assertThat(back.payload()).hasSize(300);
    }

    @Test
    void anIncompleteFrameIsLeftWhereItWasUntilTheRestArrives() throws IOException {
        byte[] frame = {(byte) 0x89, (byte) 0x82, 1, 2, 3, 4, 0x61, 0x62};
        ByteBuffer partial = ByteBuffer.wrap(frame, 0, 7);

        assertThat(WebSocketFrames.next(partial)).isNull();
        assertThat(partial.position()).isZero();

        WebSocketFrames.Frame ping = WebSocketFrames.next(ByteBuffer.wrap(frame));
        assertThat(ping.opcode()).isEqualTo(WebSocketFrames.PING);
        assertThat(ping.payload()).containsExactly(0x61 ^ 1, 0x62 ^ 2);
    }

    @Test
    void aFrameLongerThanAnEventClientMaySendIsRefused() {
        byte[] header = {(byte) 0x81, (byte) 0xFF, 0, 0, 0, 0, 0x7F, 0, 0, 0};
        assertThatThrownBy(() -> WebSocketFrames.next(ByteBuffer.wrap(header))).isInstanceOf(IOException.class);
    }
}
