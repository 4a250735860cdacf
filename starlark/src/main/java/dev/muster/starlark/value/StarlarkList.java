package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A mutable sequence of values. */
public final class StarlarkList extends MutableValue implements Sequence {

    private static final Object[] NO_ELEMENTS = new Object[0];
    /** The longest array the JVM reliably allocates (some reserve header words in the array). */
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    /** Room a list grows by beyond doubling, so that small lists do not grow one element at a time. */
    private static final int GROWTH_SLACK = 4;

    private Object[] elements;
    private int size;

    private StarlarkList(Mutability mutability, Object[] elements, int size) {
        super(mutability);
        this.elements = elements;
        this.size = size;
    }

    public static StarlarkList empty(Mutability mutability) {
        return new StarlarkList(mutability, NO_ELEMENTS, 0);
    }

    /** Wraps an array that the list now owns. */
    public static StarlarkList wrap(Mutability mutability, Object[] elements) {
        return new StarlarkList(mutability, elements, elements.length);
    }

    public static StarlarkList copyOf(Mutability mutability, List<?> elements) {
        return wrap(mutability, elements.toArray());
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object get(int index) {
        return elements[index];
    }

    public Object[] toArray() {
        return Arrays.copyOf(elements, size);
    }

    public List<Object> asList() {
        return Arrays.asList(elements).subList(0, size);
    }

    public void set(int index, Object value) {
        checkMutable("assign to element of");
        elements[index] = value;
    }

    public void append(Object value, ValueContext context) {
        checkMutable("append to");
        grow(size + 1, context);
        elements[size++] = value;
    }

    public void addAll(Object[] values, ValueContext context) {
        checkMutable("extend");
        grow(size + values.length, context);
        System.arraycopy(values, 0, elements, size, values.length);
        size += values.length;
    }

    public void insert(int index, Object value, ValueContext context) {
        checkMutable("insert into");
        grow(size + 1, context);
        System.arraycopy(elements, index, elements, index + 1, size - index);
        elements[index] = value;
        size++;
    }

    public Object removeAt(int index) {
        checkMutable("remove from");
        Object removed = elements[index];
        System.arraycopy(elements, index + 1, elements, index, size - index - 1);
        elements[--size] = null;
        return removed;
    }

    public void clear() {
        checkMutable("clear");
        elements = NO_ELEMENTS;
        size = 0;
    }

    private void grow(long needed, ValueContext context) {
        context.checkCollectionSize(needed);
        if (needed > elements.length) {
            elements = Arrays.copyOf(elements, (int)
                    Math.max(needed, Math.min(MAX_ARRAY_LENGTH, elements.length * 2L + GROWTH_SLACK)));
        }
    }

    @Override
    public StarlarkList slice(ValueContext context, int start, int stop, int step) {
        Object[] selected = step == 1
                ? (stop <= start ? NO_ELEMENTS : Arrays.copyOfRange(elements, start, stop))
                : Slices.select(elements, start, stop, step);
        return wrap(context.mutability(), selected);
    }

    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Object next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return elements[next++];
            }
        };
    }

    @Override
    public String type() {
        return "list";
    }

    @Override
    public boolean truth() {
        return size > 0;
    }

    @Override
    public void repr(Printer printer) {
        printer.append('[').reprAll(asList()).append(']');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StarlarkList that && Values.elementsEqual(elements, size, that.elements, that.size);
    }

    @Override
    public int hashCode() {
        throw new EvalException("unhashable type: list");
    }
}
