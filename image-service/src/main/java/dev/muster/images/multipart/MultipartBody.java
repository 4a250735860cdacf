package dev.muster.images.multipart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@code multipart/form-data} body made of files, laid out as Go's multipart writer lays it out (what LXD's export
 * of a split image sends, and what {@code lxc image export} reads): its length is known before it is written, and
 * the files are streamed from disk.
 */
public final class MultipartBody {

    /** A file sent as the part {@code name}, named {@code filename}. */
    public record FilePart(String name, String filename, Path file) {}

    private final List<FilePart> parts;
    private final String boundary;
    private final List<byte[]> heads = new ArrayList<>();
    private final byte[] tail;

    public MultipartBody(List<FilePart> parts) {
        this(parts, randomBoundary());
    }

    MultipartBody(List<FilePart> parts, String boundary) {
        this.parts = List.copyOf(parts);
        this.boundary = boundary;
        for (int i = 0; i < this.parts.size(); i++) {
            FilePart part = this.parts.get(i);
            heads.add(((i == 0 ? "" : "\r\n") + "--" + boundary + "\r\n"
                            + "Content-Disposition: " + ContentDisposition.formData(part.name(), part.filename())
                            + "\r\n"
                            + "Content-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public long length() throws IOException {
        long length = tail.length;
        for (int i = 0; i < parts.size(); i++) {
            length += heads.get(i).length + Files.size(parts.get(i).file());
        }
        return length;
    }

    /** The body as a stream: part headers from memory, files read from disk as it is read. */
    public InputStream open() throws IOException {
        List<InputStream> pieces = new ArrayList<>();
        try {
            for (int i = 0; i < parts.size(); i++) {
                pieces.add(new ByteArrayInputStream(heads.get(i)));
                pieces.add(Files.newInputStream(parts.get(i).file()));
            }
        } catch (IOException e) {
            for (InputStream piece : pieces) {
                piece.close();
            }
            throw e;
        }
        pieces.add(new ByteArrayInputStream(tail));
        return new SequenceInputStream(Collections.enumeration(pieces));
    }

    /** 30 random bytes: a 60-character boundary, within RFC 2046's 70. */
    private static final int BOUNDARY_RANDOM_BYTES = 30;

    private static String randomBoundary() {
        byte[] random = new byte[BOUNDARY_RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
