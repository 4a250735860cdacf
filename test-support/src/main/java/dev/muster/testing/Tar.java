package dev.muster.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes ustar archives of files held in memory, as the test and benchmark images need them (regular files only). */
public final class Tar {

    private static final int BLOCK = 512;

    private Tar() {}

    /** A ustar archive of the files, in the map's order. */
    public static byte[] of(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(bytes, files);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Writes a ustar archive of the files, in the map's order, to {@code out} (which stays open). */
    public static void write(OutputStream out, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            out.write(header(file.getKey(), file.getValue().length));
            out.write(file.getValue());
            out.write(new byte[(BLOCK - file.getValue().length % BLOCK) % BLOCK]);
        }
        out.write(new byte[2 * BLOCK]);
    }

    private static byte[] header(String name, long size) {
        byte[] header = new byte[BLOCK];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 1700000000L));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        return header;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] value = text.getBytes(StandardCharsets.US_ASCII);
        if (value.length > 100 && offset == 0) {
            throw new IllegalArgumentException("name longer than 100 bytes: " + text);
        }
        System.arraycopy(value, 0, header, offset, value.length);
    }
}
