package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The immutable arithmetic sequence returned by {@code range}; its elements are computed, not stored. */
public final class RangeValue implements Sequence {

    private final long start;
    private final long stop;
    private final long step;
    private final long length;

    public RangeValue(long start, long stop, long step) {
        if (step == 0) {
            throw new EvalException("range: step argument must not be zero");
        }
        this.start = start;
        this.stop = stop;
        this.step = step;
        long span = step > 0 ? stop - start : start - stop;
        long stride = Math.abs(step);
        this.length = span <= 0 ? 0 : (span - 1) / stride + 1;
    }

    /** The number of elements; may exceed what an int can count. */
    public long length() {
        return length;
    }

    @Override
    public int size() {
        if (length > Integer.MAX_VALUE) {
            throw new EvalException("range has too many elements (" + length + ")");
        }
        return (int) length;
    }

    @Override
    public Object get(int index) {
        return start + index * step;
    }

    public long elementAt(long index) {
        return start + index * step;
    }

    /** Whether an int is one of the elements. */
    public boolean contains(long value) {
        if (length == 0 || (step > 0 ? value < start || value >= stop : value > start || value <= stop)) {
            return false;
        }
        return (value - start) % step == 0;
    }

    @Override
    public Object slice(ValueContext context, int from, int to, int stride) {
        long newStep = step * stride;
        long newStart = start + from * step;
        long newStop = start + to * step;
        return new RangeValue(newStart, newStop, newStep);
    }

    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            private long index;

            @Override
            public boolean hasNext() {
                return index < length;
            }

            @Override
            public Object next() {
                if (index >= length) {
                    throw new NoSuchElementException();
                }
                return start + step * index++;
            }
        };
    }

    @Override
    public String type() {
        return "range";
    }

    @Override
    public boolean truth() {
        return length > 0;
    }

    @Override
    public void repr(Printer printer) {
        printer.append("range(");
        if (start != 0 || step != 1) {
            printer.append(Long.toString(start)).append(", ");
        }
        printer.append(Long.toString(stop));
        if (step != 1) {
            printer.append(", ").append(Long.toString(step));
        }
        printer.append(')');
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RangeValue that) || that.length != length) {
            return false;
        }
        return length == 0 || (start == that.start && (length == 1 || step == that.step));
    }

    @Override
    public int hashCode() {
        throw new EvalException("unhashable type: range");
    }
}
