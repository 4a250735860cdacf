package dev.muster.system;

import dev.muster.testing.Tar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Small image files made in memory for tests: unified tarballs (tar.gz or tar.xz with metadata.yaml and a rootfs),
 * and the two files of a split image (a metadata tarball, and a rootfs of random bytes), and the multipart body that
 * lxc sends for a split image.
 */
final class ImageTarballs {

    private ImageTarballs() {}

    static byte[] unified(String architecture, String description, int rootfsBytes) throws IOException {
        return gzip(tar(unifiedFiles(architecture, description, rootfsBytes)));
    }

    /** A unified tarball compressed with xz, as images.linuxcontainers.org and {@code lxc image export} make them. */
    static byte[] unifiedXz(String architecture, String description, int rootfsBytes) throws IOException {
        return xz(tar(unifiedFiles(architecture, description, rootfsBytes)));
    }

    /** The metadata file of a split image ({@code meta.tar.xz}): metadata.yaml and templates, no rootfs. */
    static byte[] splitMetadataXz(String architecture, String description) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("metadata.yaml", metadataYaml(architecture, description));
        files.put("templates/hostname.tpl", "{{ container.name }}\n".getBytes(StandardCharsets.UTF_8));
        return xz(tar(files));
    }

    /** A split image's rootfs (a squashfs, for LXD; any bytes, for Muster). */
    static byte[] rootfs(String seed, int bytes) {
        byte[] rootfs = new byte[bytes];
        new Random(seed.hashCode()).nextBytes(rootfs);
        System.arraycopy("hsqs".getBytes(StandardCharsets.US_ASCII), 0, rootfs, 0, Math.min(4, bytes));
        return rootfs;
    }

    /** The body {@code lxc image import META ROOTFS} sends (Go's multipart writer): parts metadata and rootfs. */
    static byte[] splitUpload(String boundary, byte[] metadata, String metadataName, byte[] rootfs, String rootfsName) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"; filename=\""
                        + metadataName + "\"\r\n" + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(metadata);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"rootfs\"; filename=\""
                        + rootfsName + "\"\r\n" + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(rootfs);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static Map<String, byte[]> unifiedFiles(String architecture, String description, int rootfsBytes) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("metadata.yaml", metadataYaml(architecture, description));
        byte[] rootfs = new byte[rootfsBytes];
        new Random(description.hashCode()).nextBytes(rootfs);
        files.put("rootfs/blob", rootfs);
        return files;
    }

    private static byte[] metadataYaml(String architecture, String description) {
        return ("architecture: " + architecture + "\ncreation_date: 1700000000\nproperties:\n  os: Alpine\n"
                        + "  description: " + description + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] withoutMetadata() throws IOException {
        return gzipTar(Map.of("rootfs/blob", new byte[100]));
    }

    static byte[] gzipTar(Map<String, byte[]> files) throws IOException {
        return gzip(tar(files));
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    static byte[] xz(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XZOutputStream out = new XZOutputStream(bytes, new LZMA2Options())) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    /** A ustar archive of the files, in order. */
    static byte[] tar(Map<String, byte[]> files) {
        return Tar.of(files);
    }
}
