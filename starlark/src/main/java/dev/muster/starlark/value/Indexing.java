package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;

/** The index expression {@code x[k]}, element assignment {@code x[k] = v}, and slicing {@code x[i:j:s]}. */
public final class Indexing {

    private Indexing() {}

    public static Object get(Object container, Object key) {
        switch (container) {
            case RangeValue range -> {
                long length = range.length();
                long i = Values.toLongClamped(key, "index");
                long resolved = i < 0 ? i + length : i;
                if (resolved < 0 || resolved >= length) {
                    throw new EvalException("index out of range: " + Values.repr(key) + " (length is " + length + ")");
                }
                return range.elementAt(resolved);
            }
            case Sequence sequence -> {
                return sequence.get(Slices.index(key, sequence.size()));
            }
            case Dict dict -> {
                Object value = dict.get(key);
                if (value == null) {
                    throw new EvalException("key " + Values.repr(key) + " not found in dictionary");
                }
                return value;
            }
            case String s -> {
                return String.valueOf(s.charAt(Slices.index(key, s.length())));
            }
            case Bytes bytes -> {
                return bytes.get(Slices.index(key, bytes.size()));
            }
            default -> throw new EvalException(Values.type(container) + " value is not indexable");
        }
    }

    public static void set(Object container, Object key, Object value, ValueContext context) {
        switch (container) {
            case StarlarkList list -> list.set(Slices.index(key, list.size()), value);
            case Dict dict -> dict.put(key, value, context);
            default -> throw new EvalException(Values.type(container) + " value does not support element assignment");
        }
    }

    public static Object slice(Object x, Object start, Object stop, Object step, ValueContext context) {
        switch (x) {
            case StarlarkList list -> {
                Slices.Bounds b = Slices.bounds(list.size(), start, stop, step);
                return list.slice(context, b.start(), b.stop(), b.step());
            }
            case RangeValue range -> {
                Slices.Bounds b = Slices.bounds(range.size(), start, stop, step);
                return range.slice(context, b.start(), b.start() + b.length() * b.step(), b.step());
            }
            case Sequence sequence -> {
                Slices.Bounds b = Slices.bounds(sequence.size(), start, stop, step);
                return sequence.slice(context, b.start(), b.stop(), b.step());
            }
            case String s -> {
                Slices.Bounds b = Slices.bounds(s.length(), start, stop, step);
                if (b.step() == 1) {
                    return b.stop() <= b.start() ? "" : s.substring(b.start(), b.stop());
                }
                StringBuilder out = new StringBuilder(b.length());
                for (int i = 0, at = b.start(); i < b.length(); i++, at += b.step()) {
                    out.append(s.charAt(at));
                }
                return out.toString();
            }
            case Bytes bytes -> {
                Slices.Bounds b = Slices.bounds(bytes.size(), start, stop, step);
                return bytes.slice(b.start(), b.stop(), b.step());
            }
            default -> throw new EvalException(Values.type(x) + " value cannot be sliced");
        }
    }
}
