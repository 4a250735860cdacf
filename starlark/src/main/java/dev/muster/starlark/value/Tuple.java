package dev.muster.starlark.value;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** An immutable sequence of values. */
public final class Tuple implements Sequence {

    public static final Tuple EMPTY = new Tuple(new Object[0]);

    private final Object[] elements;

    private Tuple(Object[] elements) {
        this.elements = elements;
    }

    /** Wraps an array the caller will not change. */
    public static Tuple wrap(Object[] elements) {
        return elements.length == 0 ? EMPTY : new Tuple(elements);
    }

    public static Tuple of(Object... elements) {
        return wrap(elements.clone());
    }

    public static Tuple pair(Object first, Object second) {
        return new Tuple(new Object[] {first, second});
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public Object get(int index) {
        return elements[index];
    }

    public List<Object> asList() {
        return Arrays.asList(elements).subList(0, elements.length);
    }

    public Object[] toArray() {
        return elements.clone();
    }

    @Override
    public Object slice(ValueContext context, int start, int stop, int step) {
        if (step == 1) {
            return stop <= start ? EMPTY : wrap(Arrays.copyOfRange(elements, start, stop));
        }
        return wrap(Slices.select(elements, start, stop, step));
    }

    public Tuple concat(Tuple other) {
        Object[] result = Arrays.copyOf(elements, elements.length + other.elements.length);
        System.arraycopy(other.elements, 0, result, elements.length, other.elements.length);
        return wrap(result);
    }

    @Override
    public Iterator<Object> iterator() {
        return asList().iterator();
    }

    @Override
    public String type() {
        return "tuple";
    }

    @Override
    public boolean truth() {
        return elements.length > 0;
    }

    @Override
    public boolean isHashable() {
        for (Object element : elements) {
            if (!Values.isHashable(element)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void repr(Printer printer) {
        printer.append('(').reprAll(asList());
        printer.append(elements.length == 1 ? ",)" : ")");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tuple that
                && Values.elementsEqual(elements, elements.length, that.elements, that.elements.length);
    }

    @Override
    public int hashCode() {
        int hash = 7;
        for (Object element : elements) {
            hash = 31 * hash + Values.hashKey(element).hashCode();
        }
        return hash;
    }
}
