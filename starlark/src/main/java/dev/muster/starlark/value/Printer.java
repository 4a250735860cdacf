package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the str and repr forms of values, printing a container that contains itself as "...".
 * Fails once the text exceeds its length limit, so that printing a huge structure cannot exhaust memory.
 */
public final class Printer {

    /** The limit of printers made without one, such as those formatting error messages. */
    static final int DEFAULT_LIMIT = 10_000_000;

    private final StringBuilder out = new StringBuilder();
    private final List<Object> open = new ArrayList<>();
    private final int limit;

    public Printer(int limit) {
        this.limit = limit;
    }

    public Printer append(String text) {
        out.append(text);
        checkLimit();
        return this;
    }

    public Printer append(char c) {
        out.append(c);
        return this;
    }

    private void checkLimit() {
        if (out.length() > limit) {
            throw new EvalException("string would have more than " + limit + " characters");
        }
    }

    public Printer repr(Object value) {
        switch (value) {
            case String s -> {
                quote(s);
                checkLimit();
            }
            case Boolean b -> out.append(b ? "True" : "False");
            case Long l -> out.append(l.longValue());
            case BigInteger b -> out.append(b);
            case Double d -> out.append(FloatFormat.str(d));
            case StarlarkValue v -> print(v, false);
            default -> out.append("<").append(value.getClass().getSimpleName()).append(">");
        }
        return this;
    }

    public Printer str(Object value) {
        if (value instanceof String s) {
            append(s);
        } else if (value instanceof StarlarkValue v) {
            print(v, true);
        } else {
            repr(value);
        }
        return this;
    }

    /** Prints a value, or a placeholder if it is already being printed (a container that contains itself). */
    private void print(StarlarkValue value, boolean str) {
        if (open.stream().anyMatch(o -> o == value)) {
            out.append(value instanceof StarlarkList ? "[...]" : value instanceof Dict ? "{...}" : "...");
            return;
        }
        open.add(value);
        if (str) {
            value.str(this);
        } else {
            value.repr(this);
        }
        open.removeLast();
    }

    /** Appends the elements separated by ", ", each in repr form. */
    public Printer reprAll(Iterable<?> elements) {
        String separator = "";
        for (Object element : elements) {
            out.append(separator);
            repr(element);
            separator = ", ";
        }
        return this;
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\u0007' -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\u000b' -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
