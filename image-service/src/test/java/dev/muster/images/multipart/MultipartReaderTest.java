package dev.muster.images.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multipart bodies as lxc (Go's mime/multipart) and curl write them, read part by part as streams. */
class MultipartReaderTest {

    private static final String BOUNDARY = "4b1d2e3f5a6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    @TempDir
    Path dir;

    /** Exactly what Go's multipart.Writer (lxc image import META ROOTFS) sends. */
    private static byte[] goBody(byte[] metadata, byte[] rootfs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(
                ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"metadata\"; filename=\"meta.tar.xz\"\r\n"
                                + "Content-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(metadata);
        body.writeBytes(("\r\n--" + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"rootfs\"; filename=\"rootfs.squashfs\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(rootfs);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    @Test
    void thePartsOfASplitImageUploadAreReadWithTheirNamesFileNamesAndExactContent() throws Exception {
        byte[] metadata = random(5_000, 1);
        byte[] rootfs = random(700_000, 2);
        MultipartReader reader = new MultipartReader(trickling(goBody(metadata, rootfs)), BOUNDARY);

        MultipartReader.Part first = reader.next().orElseThrow();
        assertThat(first.name()).isEqualTo("metadata");
        assertThat(first.filename()).isEqualTo("meta.tar.xz");
        assertThat(first.content().readAllBytes()).isEqualTo(metadata);
        MultipartReader.Part second = reader.next().orElseThrow();
        assertThat(second.name()).isEqualTo("rootfs");
        assertThat(second.filename()).isEqualTo("rootfs.squashfs");
        assertThat(second.content().readAllBytes()).isEqualTo(rootfs);
        assertThat(reader.next()).isEmpty();
    }

    /** Content that holds CRLF, "--" and most of the boundary (but not all of it) is content, wherever reads split it. */
    @Test
    void contentThatNearlyContainsTheDelimiterIsPassedThroughUnchanged() throws Exception {
        ByteArrayOutputStream tricky = new ByteArrayOutputStream();
        for (int i = 0; i < 3_000; i++) {
            tricky.writeBytes(
                    ("\r\n--" + BOUNDARY.substring(0, i % BOUNDARY.length())).getBytes(StandardCharsets.US_ASCII));
            tricky.write(i % 2 == 0 ? '#' : '\r'); // never the boundary's last character
        }
        byte[] content = tricky.toByteArray();
        MultipartReader reader = new MultipartReader(trickling(goBody(content, content)), BOUNDARY);

        assertThat(reader.next().orElseThrow().content().readAllBytes()).isEqualTo(content);
        assertThat(reader.next().orElseThrow().content().readAllBytes()).isEqualTo(content);
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void aPartNotReadToTheEndIsSkippedByTheNextOneAndEmptyPartsAreParts() throws Exception {
        MultipartReader reader =
                new MultipartReader(new ByteArrayInputStream(goBody(random(200_000, 3), new byte[0])), BOUNDARY);

        assertThat(reader.next().orElseThrow().content().read()).isNotNegative();
        MultipartReader.Part rootfs = reader.next().orElseThrow();
        assertThat(rootfs.name()).isEqualTo("rootfs");
        assertThat(rootfs.content().readAllBytes()).isEmpty();
    }

    @Test
    void aPreambleAndQuotedEscapedFileNamesAreHandled() throws Exception {
        String body = "This is a preamble\r\n--" + BOUNDARY + "\r\n"
                + "content-disposition: form-data; name=metadata; filename=\"a \\\"b\\\" \\\\c.tar\"\r\n\r\n"
                + "hello\r\n--" + BOUNDARY + "--\r\nepilogue";
        MultipartReader reader =
                new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), BOUNDARY);

        MultipartReader.Part part = reader.next().orElseThrow();
        assertThat(part.name()).isEqualTo("metadata");
        assertThat(part.filename()).isEqualTo("a \"b\" \\c.tar");
        assertThat(new String(part.content().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("hello");
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void aBodyCutOffInsideAPartIsMalformed() throws Exception {
        byte[] whole = goBody(random(10_000, 4), random(10_000, 5));
        byte[] cut = Arrays.copyOf(whole, whole.length - 200);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(cut), BOUNDARY);
        reader.next().orElseThrow().content().readAllBytes();
        InputStream rootfs = reader.next().orElseThrow().content();

        assertThatThrownBy(rootfs::readAllBytes).isInstanceOf(MultipartReader.Malformed.class);
    }

    @Test
    void aBodyWithoutTheBoundaryOrWithoutBoundaryIsMalformed() throws Exception {
        MultipartReader noDelimiter = new MultipartReader(new ByteArrayInputStream(random(100_000, 6)), BOUNDARY);

        assertThatThrownBy(noDelimiter::next).isInstanceOf(MultipartReader.Malformed.class);
        assertThatThrownBy(() -> new MultipartReader(new ByteArrayInputStream(new byte[0]), ""))
                .isInstanceOf(MultipartReader.Malformed.class);
    }

    @Test
    void endlessPartHeadersAreMalformedNotReadForever() throws Exception {
        String body = "--" + BOUNDARY + "\r\nX-Padding: " + "a".repeat(100_000) + "\r\n\r\nhello";
        MultipartReader reader =
                new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), BOUNDARY);

        assertThatThrownBy(reader::next)
                .isInstanceOf(MultipartReader.Malformed.class)
                .hasMessageContaining("too long");
    }

    @Test
    void whatTheBodyWriterWritesTheReaderReadsBackWithTheAnnouncedLength() throws Exception {
        byte[] metadata = random(4_321, 7);
        byte[] rootfs = random(300_000, 8);
        Path metadataFile = Files.write(dir.resolve("meta"), metadata);
        Path rootfsFile = Files.write(dir.resolve("rootfs"), rootfs);
        MultipartBody body = new MultipartBody(List.of(
                new MultipartBody.FilePart("metadata", "meta-x.tar.xz", metadataFile),
                new MultipartBody.FilePart("rootfs", "x \"quoted\".squashfs", rootfsFile)));
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (InputStream in = body.open()) {
            in.transferTo(written);
        }

        assertThat((long) written.size()).isEqualTo(body.length());
        String boundary = body.contentType().substring(body.contentType().indexOf("boundary=") + 9);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(written.toByteArray()), boundary);
        MultipartReader.Part first = reader.next().orElseThrow();
        assertThat(first.filename()).isEqualTo("meta-x.tar.xz");
        assertThat(first.content().readAllBytes()).isEqualTo(metadata);
        MultipartReader.Part second = reader.next().orElseThrow();
        assertThat(second.filename()).isEqualTo("x \"quoted\".squashfs");
        assertThat(second.content().readAllBytes()).isEqualTo(rootfs);
        assertThat(reader.next()).isEmpty();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Hands out the body in reads of odd, varying sizes, as a network does, so that delimiters straddle reads. */
    private static InputStream trickling(byte[] body) {
        return new ByteArrayInputStream(body) {
            private final Random sizes = new Random(11);

            @Override
            public synchronized int read(byte[] into, int offset, int length) {
                return super.read(into, offset, Math.min(length, 1 + sizes.nextInt(97)));
            }
        };
    }
}
