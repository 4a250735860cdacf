package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Operations every Starlark value supports: type, truth, equality, ordering, hashing, iteration. */
public final class Values {

    private Values() {}

    public static String type(Object x) {
        return switch (x) {
            case String ignored -> "string";
            case Long ignored -> "int";
            case BigInteger ignored -> "int";
            case Double ignored -> "float";
            case Boolean ignored -> "bool";
            case StarlarkValue v -> v.type();
            default -> x.getClass().getSimpleName();
        };
    }

    public static String repr(Object x) {
        return new Printer(Printer.DEFAULT_LIMIT).repr(x).toString();
    }

    public static String str(Object x) {
        return x instanceof String s
                ? s
                : new Printer(Printer.DEFAULT_LIMIT).str(x).toString();
    }

    /** repr(x), failing if longer than the context's string limit. */
    public static String repr(Object x, ValueContext context) {
        return new Printer(context.maxStringLength()).repr(x).toString();
    }

    /** str(x), failing if longer than the context's string limit. */
    public static String str(Object x, ValueContext context) {
        return x instanceof String s
                ? s
                : new Printer(context.maxStringLength()).str(x).toString();
    }

    public static boolean truth(Object x) {
        return switch (x) {
            case Boolean b -> b;
            case Long l -> l != 0;
            case BigInteger ignored -> true;
            case Double d -> d != 0.0;
            case String s -> !s.isEmpty();
            case StarlarkValue v -> v.truth();
            default -> true;
        };
    }

    public static boolean isHashable(Object x) {
        return x instanceof String
                || x instanceof Long
                || x instanceof Boolean
                || x instanceof Double
                || x instanceof BigInteger
                || (x instanceof StarlarkValue v && v.isHashable());
    }

    /**
     * The key under which a value is stored in a dict or set: equal values have equal keys.
     * Integral floats become ints, so that 1.0 and 1 are the same key. Fails for unhashable values.
     */
    public static Object hashKey(Object x) {
        if (x instanceof String || x instanceof Long || x instanceof Boolean || x instanceof BigInteger) {
            return x;
        }
        if (x instanceof Double d) {
            double v = d;
            if (v == Math.rint(v) && !Double.isInfinite(v)) {
                return Math.abs(v) < 0x1p62 ? (Object) (long) v : IntMath.normalize(new BigDecimal(v).toBigInteger());
            }
            return x;
        }
        if (x instanceof StarlarkValue v && v.isHashable()) {
            return x;
        }
        throw new EvalException("unhashable type: " + type(x));
    }

    public static boolean equal(Object x, Object y) {
        if (x == y) {
            return true;
        }
        return switch (x) {
            case String s -> s.equals(y);
            case Long a -> y instanceof Long b ? a.longValue() == b : numberEqual(x, y);
            case BigInteger ignored -> numberEqual(x, y);
            case Double ignored -> numberEqual(x, y);
            case Boolean b -> b.equals(y);
            default -> x.equals(y);
        };
    }

    private static boolean numberEqual(Object x, Object y) {
        if (x instanceof Double a) {
            if (y instanceof Double b) {
                return compareFloats(a, b) == 0;
            }
            return IntMath.isInt(y) && IntMath.compareWithFloat(y, a) == 0;
        }
        if (y instanceof Double b) {
            return IntMath.compareWithFloat(x, b) == 0;
        }
        return IntMath.isInt(y) && IntMath.compare(x, y) == 0;
    }

    public static boolean elementsEqual(Object[] a, int aSize, Object[] b, int bSize) {
        if (aSize != bSize) {
            return false;
        }
        for (int i = 0; i < aSize; i++) {
            if (!equal(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    /** Total order of floats in which NaN is greater than everything and -0.0 equals 0.0. */
    public static int compareFloats(double a, double b) {
        if (Double.isNaN(a)) {
            return Double.isNaN(b) ? 0 : 1;
        }
        if (Double.isNaN(b)) {
            return -1;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** Orders two values, failing unless both are of a type with an order (ints and floats mix). */
    public static int compare(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            return Long.compare(a, b);
        }
        if (x instanceof String a && y instanceof String b) {
            return a.compareTo(b);
        }
        if (isNumber(x) && isNumber(y)) {
            if (x instanceof Double a) {
                return y instanceof Double b ? compareFloats(a, b) : -IntMath.compareWithFloat(y, a);
            }
            return y instanceof Double b ? IntMath.compareWithFloat(x, b) : IntMath.compare(x, y);
        }
        if (x instanceof Boolean a && y instanceof Boolean b) {
            return Boolean.compare(a, b);
        }
        if (x instanceof Bytes a && y instanceof Bytes b) {
            return a.compareTo(b);
        }
        if (x instanceof Tuple a && y instanceof Tuple b) {
            return compareSequences(a, b);
        }
        if (x instanceof StarlarkList a && y instanceof StarlarkList b) {
            return compareSequences(a, b);
        }
        throw new EvalException("unsupported comparison: " + type(x) + " < " + type(y));
    }

    private static int compareSequences(Sequence a, Sequence b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (!equal(x, y)) {
                return compare(x, y);
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    public static boolean isNumber(Object x) {
        return x instanceof Long || x instanceof Double || x instanceof BigInteger;
    }

    /** An int argument that must fit in 32 bits. */
    public static int toInt(Object x, String what) {
        if (!IntMath.isInt(x)) {
            throw new EvalException("got " + type(x) + " for " + what + ", want int");
        }
        if (x instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        throw new EvalException(what + " out of range: " + x);
    }

    /** An int argument, clamped to the range of a Java long. */
    public static long toLongClamped(Object x, String what) {
        if (x instanceof Long l) {
            return l;
        }
        if (x instanceof BigInteger b) {
            return b.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        throw new EvalException("got " + type(x) + " for " + what + ", want int");
    }

    /** The value as an iterable, or an error naming what needed it. */
    public static StarlarkIterable iterable(Object x) {
        if (x instanceof StarlarkIterable iterable) {
            return iterable;
        }
        throw new EvalException(type(x) + " value is not iterable");
    }

    /** A snapshot of the elements of an iterable; fails if there are more than the context allows. */
    public static Object[] toArray(Object x, ValueContext context) {
        switch (x) {
            case StarlarkList list -> {
                return list.toArray();
            }
            case Tuple tuple -> {
                return tuple.toArray();
            }
            case RangeValue range -> context.checkCollectionSize(range.length());
            default -> {}
        }
        StarlarkIterable iterable = iterable(x);
        Object[] result = new Object[iterable.size()];
        int i = 0;
        for (var it = iterable.iterator(); it.hasNext(); ) {
            result[i++] = it.next();
        }
        return result;
    }

    /** len(x), or -1 if x has no length. */
    public static long length(Object x) {
        return switch (x) {
            case String s -> s.length();
            case Bytes b -> b.size();
            case RangeValue r -> r.length();
            case StarlarkIterable iterable -> iterable.size();
            default -> -1;
        };
    }
}
