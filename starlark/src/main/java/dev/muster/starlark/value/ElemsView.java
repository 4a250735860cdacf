package dev.muster.starlark.value;

import java.util.Iterator;
import java.util.stream.IntStream;

/**
 * The iterable returned by {@code s.elems()} (successive one-element strings) or
 * {@code b.elems()} (successive byte values).
 */
public final class ElemsView implements StarlarkIterable {

    private final Object source;

    private ElemsView(Object source) {
        this.source = source;
    }

    public static ElemsView of(String string) {
        return new ElemsView(string);
    }

    public static ElemsView of(Bytes bytes) {
        return new ElemsView(bytes);
    }

    @Override
    public int size() {
        return source instanceof String s ? s.length() : ((Bytes) source).size();
    }

    private Object element(int index) {
        return source instanceof String s ? String.valueOf(s.charAt(index)) : (Object) ((Bytes) source).get(index);
    }

    @Override
    public Iterator<Object> iterator() {
        return IntStream.range(0, size()).mapToObj(this::element).iterator();
    }

    @Override
    public String type() {
        return source instanceof String ? "string.elems" : "bytes.elems";
    }

    @Override
    public void repr(Printer printer) {
        printer.repr(source).append(".elems()");
    }
}
