package dev.muster.starlark.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** An immutable sequence of byte values 0-255; indexable but, like strings, not iterable. */
public final class Bytes implements StarlarkValue, Comparable<Bytes> {

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Wraps an array the caller will not change. */
    public static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public static Bytes utf8(String text) {
        return new Bytes(encodeUtf8(text));
    }

    /** UTF-8 encoding in which each unpaired surrogate becomes U+FFFD. */
    private static byte[] encodeUtf8(String text) {
        StringBuilder valid = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                valid.append(c).append(text.charAt(++i));
            } else {
                valid.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return valid.toString().getBytes(StandardCharsets.UTF_8);
    }

    public int size() {
        return data.length;
    }

    /** The byte at a valid index, as an int 0-255. */
    public long get(int index) {
        return data[index] & 0xff;
    }

    public byte[] toArray() {
        return data.clone();
    }

    public Bytes slice(int start, int stop, int step) {
        int count = new Slices.Bounds(start, stop, step).length();
        byte[] result = new byte[count];
        for (int i = 0, at = start; i < count; i++, at += step) {
            result[i] = data[at];
        }
        return new Bytes(result);
    }

    public Bytes concat(Bytes other) {
        byte[] result = Arrays.copyOf(data, data.length + other.data.length);
        System.arraycopy(other.data, 0, result, data.length, other.data.length);
        return new Bytes(result);
    }

    public Bytes repeat(int times) {
        byte[] result = new byte[data.length * Math.max(0, times)];
        for (int i = 0; i < times; i++) {
            System.arraycopy(data, 0, result, i * data.length, data.length);
        }
        return new Bytes(result);
    }

    public boolean contains(Bytes part) {
        return indexOf(part.data) >= 0;
    }

    public boolean contains(int value) {
        for (byte b : data) {
            if ((b & 0xff) == value) {
                return true;
            }
        }
        return false;
    }

    private int indexOf(byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The 32-bit FNV-1a hash the specification prescribes for hash(bytes). */
    public int fnv1a() {
        int hash = 0x811c9dc5;
        for (byte b : data) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }

    @Override
    public String type() {
        return "bytes";
    }

    @Override
    public boolean truth() {
        return data.length > 0;
    }

    @Override
    public boolean isHashable() {
        return true;
    }

    /** The text the bytes encode in UTF-8, invalid sequences replaced by U+FFFD. */
    @Override
    public void str(Printer printer) {
        printer.append(new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void repr(Printer printer) {
        printer.append("b\"");
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xff;
            int length = sequenceLength(i);
            if (length > 1) {
                printer.append(new String(data, i, length, StandardCharsets.UTF_8));
                i += length;
                continue;
            }
            switch (b) {
                case '"' -> printer.append("\\\"");
                case '\\' -> printer.append("\\\\");
                case '\n' -> printer.append("\\n");
                case '\t' -> printer.append("\\t");
                case '\r' -> printer.append("\\r");
                default ->
                    printer.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
            }
            i++;
        }
        printer.append('"');
    }

    /** The length of a valid multi-byte UTF-8 sequence starting at i, or 1. */
    private int sequenceLength(int i) {
        int lead = data[i] & 0xff;
        int length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? (lead < 0xf0 ? 3 : 1) : lead >= 0xc2 ? 2 : 1;
        if (length == 1 || i + length > data.length) {
            return 1;
        }
        for (int j = 1; j < length; j++) {
            if ((data[i + j] & 0xc0) != 0x80) {
                return 1;
            }
        }
        String decoded = new String(data, i, length, StandardCharsets.UTF_8);
        return decoded.indexOf('\uFFFD') >= 0 ? 1 : length;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(data, other.data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}
