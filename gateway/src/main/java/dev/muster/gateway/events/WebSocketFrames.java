package dev.muster.gateway.events;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The server side of RFC 6455, as much of it as an event stream needs: the handshake's accept key, unmasked frames
 * out, masked frames in. No extensions, no fragmentation on the way out.
 */
final class WebSocketFrames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** Close codes (RFC 6455 section 7.4.1). */
    static final int NORMAL_CLOSURE = 1000;

    static final int GOING_AWAY = 1001;
    static final int POLICY_VIOLATION = 1008;
    static final int TOO_BIG = 1009;

    /** A control frame's payload is at most this long; so is what we accept of a data frame from an event client. */
    private static final int MAX_PAYLOAD = 64 * 1024;

    private static final String HANDSHAKE_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketFrames() {}

    record Frame(int opcode, byte[] payload) {
        boolean isControl() {
            return opcode >= CLOSE;
        }
    }

    /** {@code Sec-WebSocket-Accept} for the client's {@code Sec-WebSocket-Key}. */
    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + HANDSHAKE_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** One final, unmasked frame (a server never masks). */
    static byte[] frame(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) (0x80 | opcode);
        if (length < 126) {
            frame[1] = (byte) length;
        } else if (length <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            long wide = length;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (wide >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
    }

    static byte[] text(String text) {
        return frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] close(int code) {
        return frame(CLOSE, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    static void write(OutputStream out, byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    /**
     * The next whole frame in {@code buffer} (read mode), unmasked and consumed; {@code null}, with the buffer as it
     * was, while the frame is incomplete.
     *
     * @throws IOException when the frame is longer than an event client has any reason to send
     */
    static Frame next(ByteBuffer buffer) throws IOException {
        int start = buffer.position();
        if (buffer.remaining() < 2) {
            return null;
        }
        int first = buffer.get() & 0xFF;
        int second = buffer.get() & 0xFF;
        int opcode = first & 0x0F;
        boolean masked = (second & 0x80) != 0;
        long length = second & 0x7F;
        int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (buffer.remaining() < extended) {
            buffer.position(start);
            return null;
        }
        if (extended > 0) {
            length = 0;
            for (int i = 0; i < extended; i++) {
                length = (length << 8) | (buffer.get() & 0xFF);
            }
        }
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("a frame of " + length + " bytes is more than an event client may send");
        }
        if (buffer.remaining() < (masked ? 4 : 0) + length) {
            buffer.position(start);
            return null;
        }
        byte[] mask = new byte[4];
        if (masked) {
            buffer.get(mask);
        }
        byte[] payload = new byte[(int) length];
        buffer.get(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return new Frame(opcode, payload);
    }
}
