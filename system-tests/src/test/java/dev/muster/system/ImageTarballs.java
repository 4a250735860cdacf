package dev.muster.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small unified image tarballs (tar.gz with metadata.yaml and a rootfs) made in memory for tests. */
final class ImageTarballs {

    private ImageTarballs() {}

    static byte[] unified(String architecture, String description, int rootfsBytes) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("metadata.yaml", ("architecture: " + architecture + "\ncreation_date: 1700000000\nproperties:\n  os: Alpine\n"
                + "  description: " + description + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] rootfs = new byte[rootfsBytes];
        new java.util.Random(description.hashCode()).nextBytes(rootfs);
        files.put("rootfs/blob", rootfs);
        return gzipTar(files);
    }

    static byte[] withoutMetadata() throws IOException {
        return gzipTar(Map.of("rootfs/blob", new byte[100]));
    }

    static byte[] gzipTar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                byte[] header = new byte[512];
                put(header, 0, file.getKey());
                put(header, 100, "0000644");
                put(header, 108, "0000000");
                put(header, 116, "0000000");
                put(header, 124, String.format("%011o", file.getValue().length));
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
                out.write(header);
                out.write(file.getValue());
                out.write(new byte[(512 - file.getValue().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] value = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(value, 0, header, offset, value.length);
    }
}
