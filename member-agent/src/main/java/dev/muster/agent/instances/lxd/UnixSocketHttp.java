package dev.muster.agent.instances.lxd;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP/1.1 client over a unix domain socket, as LXD's local API needs: one connection per request
 * ({@code Connection: close}), request bodies of known length or chunked, streamed in; response bodies by
 * {@code Content-Length}, chunked, or up to the connection's end, streamed out.
 */
public final class UnixSocketHttp {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_LINE = 64 * 1024;

    /** A request body, written straight to the connection. */
    public interface Body {
        /** Its length in bytes, or -1 if unknown (then it is sent chunked). */
        long length();

        void writeTo(OutputStream out) throws IOException;

        static Body of(byte[] bytes) {
            return new Body() {
                @Override
                public long length() {
                    return bytes.length;
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    out.write(bytes);
                }
            };
        }
    }

    /** An answer whose body is read from the connection; closing it closes the connection. */
    public record Response(int status, Map<String, String> headers, InputStream body) implements AutoCloseable {
        /** A header by its lower-case name. */
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        public byte[] readAll() throws IOException {
            try (InputStream in = body) {
                return in.readAllBytes();
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private final Path socket;

    public UnixSocketHttp(Path socket) {
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }

    /**
     * Sends the request and reads the answer's status line and headers; the body is left to the caller. Should the
     * server answer before it took the whole request body (a refusal), the answer is read all the same.
     */
    public Response send(String method, String target, Map<String, String> headers, Body body) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        try {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\nHost: lxd\r\nConnection: close\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append(
                        body.length() < 0
                                ? "Transfer-Encoding: chunked\r\n"
                                : "Content-Length: " + body.length() + "\r\n");
            }
            head.append("\r\n");
            IOException writing = null;
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    if (body.length() < 0) {
                        ChunkedOutputStream chunked = new ChunkedOutputStream(out);
                        body.writeTo(chunked);
                        chunked.finish();
                    } else {
                        body.writeTo(out);
                    }
                }
                out.flush();
            } catch (IOException e) {
                writing = e; // the server may have answered and closed early: its answer says why
            }
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), BUFFER);
            Response response;
            try {
                response = readResponse(in, channel, method);
            } catch (IOException e) {
                if (writing != null) {
                    writing.addSuppressed(e);
                    throw writing;
                }
                throw e;
            }
            return response;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Response readResponse(InputStream in, SocketChannel channel, String method) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + statusLine, e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        InputStream body;
        if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
            body = InputStream.nullInputStream();
        } else if (headers.getOrDefault("transfer-encoding", "")
                .toLowerCase(Locale.ROOT)
                .contains("chunked")) {
            body = new ChunkedInputStream(in);
        } else if (headers.containsKey("content-length")) {
            body = new LimitedInputStream(in, Long.parseLong(headers.get("content-length")));
        } else {
            body = in; // up to the end of the connection
        }
        return new Response(status, headers, new ClosingInputStream(body, channel));
    }

    /** One CRLF-terminated line, without its end. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection ended in the middle of an answer's head");
            }
            if (b == '\n') {
                break;
            }
            if (bytes.size() > MAX_LINE) {
                throw new IOException("an answer's head line is longer than " + MAX_LINE + " bytes");
            }
            bytes.write(b);
        }
        String line = bytes.toString(StandardCharsets.ISO_8859_1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Writes each write as one chunk; {@link #finish()} writes the last, empty chunk. */
    private static final class ChunkedOutputStream extends FilterOutputStream {
        ChunkedOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, offset, length);
            out.write(new byte[] {'\r', '\n'});
        }

        void finish() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() {
            // the connection stays open for the answer
        }
    }

    /** A chunked body, decoded; trailers are skipped. */
    private static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private long left;
        private boolean ended;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                int extension = size.indexOf(';');
                try {
                    left = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("not a chunk size: " + size, e);
                }
                if (left == 0) {
                    for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                        // skipped
                    }
                    ended = true;
                    return -1;
                }
            }
            int read = in.read(bytes, offset, (int) Math.min(length, left));
            if (read < 0) {
                throw new EOFException("the connection ended in the middle of a chunk");
            }
            left -= read;
            if (left == 0) {
                line(in); // the chunk's CRLF
            }
            return read;
        }
    }

    /** At most {@code limit} bytes of the stream. */
    private static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(bytes, offset, (int) Math.min(length, left));
            if (read < 0) {
                throw new EOFException("the connection ended " + left + " bytes before the answer's end");
            }
            left -= read;
            return read;
        }
    }

    /** Closes the connection with the body. */
    private static final class ClosingInputStream extends InputStream {
        private final InputStream in;
        private final SocketChannel channel;

        ClosingInputStream(InputStream in, SocketChannel channel) {
            this.in = in;
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return in.read(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
