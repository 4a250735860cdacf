package dev.muster.agent.bridge;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of an HTTP/1.1 request as the bridge receives it: request line and header lines, read byte by byte so
 * that nothing after the head (a body, websocket frames) is consumed.
 */
record RequestHead(String method, String target, List<String[]> headers) {

    private static final int MAX_HEAD = 64 * 1024;

    /** The path of the target, without its query. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** A header's value by its name (any case), or empty. */
    String header(String name) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                return header[1];
            }
        }
        return "";
    }

    boolean upgradesToWebSocket() {
        return header("Upgrade").toLowerCase(Locale.ROOT).contains("websocket");
    }

    /** The head again, as sent on to the daemon, with {@code Host} set to it. */
    byte[] encode() {
        StringBuilder head =
                new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: lxd\r\n");
        for (String[] header : headers) {
            if (!header[0].equalsIgnoreCase("Host")) {
                head.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static RequestHead read(InputStream in) throws IOException {
        int[] budget = {MAX_HEAD};
        String requestLine = line(in, budget);
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.1 request: " + requestLine);
        }
        List<String[]> headers = new ArrayList<>();
        for (String line = line(in, budget); !line.isEmpty(); line = line(in, budget)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("not a header: " + line);
            }
            headers.add(new String[] {
                line.substring(0, colon).trim(), line.substring(colon + 1).trim()
            });
        }
        return new RequestHead(parts[0], parts[1], List.copyOf(headers));
    }

    private static String line(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection ended in the middle of a request's head");
            }
            if (--budget[0] < 0) {
                throw new IOException("a request head longer than " + MAX_HEAD + " bytes");
            }
            if (b == '\n') {
                break;
            }
            bytes.write(b);
        }
        String line = bytes.toString(StandardCharsets.ISO_8859_1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
