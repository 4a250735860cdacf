package dev.muster.images.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part after part, as a stream: a part's content is read
 * straight from the body through a buffer of 64 KiB, never held whole, so parts may be gigabytes. Reading the next
 * part skips what is left of the current one. A body that is cut short or not multipart is {@link Malformed}.
 */
public final class MultipartReader {

    /** One part: its form field name, the file name it was sent with (or ""), and its content. */
    public record Part(String name, String filename, InputStream content) {}

    /** The body is not the multipart body it claims to be. */
    public static final class Malformed extends IOException {
        public Malformed(String message) {
            super(message);
        }
    }

    private static final int BUFFER = 1 << 16;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    /** RFC 2046 allows at most 70 characters; some clients send longer ones, none this long. */
    private static final int MAX_BOUNDARY_LENGTH = 200;

    private static final int SKIP_BUFFER = 8192;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean endOfBody;
    /** Where the delimiter starts in the buffer (-1: nowhere), as last searched; stale after {@link #fill}. */
    private int delimiterAt;

    private boolean delimiterSearched;
    private PartContent current;
    private boolean finished;

    /** @param boundary the {@code boundary} parameter of the body's {@code Content-Type} */
    public MultipartReader(InputStream in, String boundary) throws Malformed {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new Malformed("no valid boundary in the Content-Type");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[BUFFER + delimiter.length];
        // the first boundary line has no line break before it: pretend there is one, so that one delimiter fits all
        buffer[0] = '\r';
        buffer[1] = '\n';
        end = 2;
        current = new PartContent(); // the preamble, skipped like the rest of a part
    }

    /** The next part, positioned at its content; empty after the last one. */
    public Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        current.skipRest();
        if (available(2) >= 2 && buffer[start] == '-' && buffer[start + 1] == '-') {
            finished = true; // the close delimiter; an epilogue is ignored
            return Optional.empty();
        }
        if (!readLine().isBlank()) { // only transport padding may follow a boundary on its line
            throw new Malformed("unexpected data after a boundary");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        for (String line; !(line = readLine()).isEmpty(); ) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new Malformed("part headers are too long");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("not a part header: " + line);
            }
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        Map<String, String> disposition =
                ContentDisposition.parameters(headers.getOrDefault("content-disposition", ""));
        current = new PartContent();
        return Optional.of(
                new Part(disposition.getOrDefault("name", ""), disposition.getOrDefault("filename", ""), current));
    }

    /** Buffers at least {@code wanted} bytes unless the body ends first; returns how many are buffered. */
    private int available(int wanted) throws IOException {
        while (end - start < wanted && !endOfBody) {
            fill();
        }
        return end - start;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        delimiterSearched = false;
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            endOfBody = true;
        } else {
            end += n;
        }
    }

    /** A header line, without its CRLF, read as UTF-8 (browsers and Go send file names so). */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (available(2) < 2) {
                throw new Malformed("the body ends inside the headers of a part");
            }
            if (buffer[start] == '\r' && buffer[start + 1] == '\n') {
                start += 2;
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(buffer[start++]);
            if (line.size() > MAX_HEADER_BYTES) {
                throw new Malformed("part headers are too long");
            }
        }
    }

    /** Where {@code delimiter} starts within the buffered bytes, or -1 (searched once per fill of the buffer). */
    private int indexOfDelimiter() {
        if (!delimiterSearched || delimiterAt >= 0 && delimiterAt < start) {
            delimiterAt = search();
            delimiterSearched = true;
        }
        return delimiterAt;
    }

    private int search() {
        outer:
        for (int i = start; i <= end - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The content of the current part: ends where the next delimiter begins. */
    private final class PartContent extends InputStream {
        private boolean ended;

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (ended || current != this) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int delimiterAt = indexOfDelimiter();
                if (delimiterAt == start) {
                    start += delimiter.length;
                    ended = true;
                    return -1;
                }
                // bytes before a delimiter, or before a place where one might begin in bytes not yet read, are content
                int contentEnd = delimiterAt >= 0 ? delimiterAt : end - delimiter.length + 1;
                if (contentEnd > start) {
                    int n = Math.min(length, contentEnd - start);
                    System.arraycopy(buffer, start, into, offset, n);
                    start += n;
                    return n;
                }
                if (endOfBody) {
                    throw new Malformed("the body ends inside a part (no closing boundary)");
                }
                fill();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        void skipRest() throws IOException {
            byte[] skipped = new byte[SKIP_BUFFER];
            while (read(skipped, 0, skipped.length) >= 0) {
                // discarded
            }
        }
    }
}
