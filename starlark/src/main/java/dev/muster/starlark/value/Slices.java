package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;

/** The index conventions of the specification: negative indices count from the end, slices clamp. */
public final class Slices {

    private Slices() {}

    /** The effective start, stop and step of {@code x[start:stop:step]} on a sequence of the given length. */
    public record Bounds(int start, int stop, int step) {

        public int length() {
            if (step > 0) {
                return start < stop ? (stop - start + step - 1) / step : 0;
            }
            return start > stop ? (start - stop - step - 1) / -step : 0;
        }
    }

    /** Computes slice bounds; each operand is None or an int. */
    public static Bounds bounds(int length, Object start, Object stop, Object step) {
        int stride = step == NoneType.NONE ? 1 : Values.toInt(step, "slice step");
        if (stride == 0) {
            throw new EvalException("slice step cannot be zero");
        }
        int low = stride > 0 ? 0 : -1;
        int high = stride > 0 ? length : length - 1;
        int from = start == NoneType.NONE ? (stride > 0 ? low : high) : clamp(start, length, low, high);
        int to = stop == NoneType.NONE ? (stride > 0 ? high : low) : clamp(stop, length, low, high);
        return new Bounds(from, to, stride);
    }

    private static int clamp(Object index, int length, int low, int high) {
        long i = Values.toLongClamped(index, "slice index");
        if (i < 0) {
            i += length;
        }
        return (int) Math.max(low, Math.min(high, i));
    }

    /** Resolves an element index; negative values count from the end; fails if out of range. */
    public static int index(Object index, int length) {
        long i = Values.toLongClamped(index, "index");
        long resolved = i < 0 ? i + length : i;
        if (resolved < 0 || resolved >= length) {
            throw new EvalException("index out of range: " + Values.repr(index) + " (length is " + length + ")");
        }
        return (int) resolved;
    }

    /** Resolves a start or end index of an operation such as find: None means the default, values clamp to [0, length]. */
    public static int clampIndex(Object index, int length, int defaultValue) {
        if (index == NoneType.NONE) {
            return defaultValue;
        }
        long i = Values.toLongClamped(index, "index");
        if (i < 0) {
            i += length;
        }
        return (int) Math.max(0, Math.min(length, i));
    }

    /** The elements at start, start+step, ... before stop. */
    public static Object[] select(Object[] elements, int start, int stop, int step) {
        Object[] result = new Object[new Bounds(start, stop, step).length()];
        for (int i = 0, at = start; i < result.length; i++, at += step) {
            result[i] = elements[at];
        }
        return result;
    }
}
