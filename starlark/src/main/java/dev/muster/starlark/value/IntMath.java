package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Arithmetic on Starlark ints, which are unbounded: a Long while the value fits, a BigInteger beyond.
 * Results are normalized so that a BigInteger never holds a value a Long can hold.
 */
public final class IntMath {

    /** Ints may not grow beyond this many bits, so that a script cannot exhaust memory with one number. */
    public static final int MAX_BITS = 1 << 16;

    /** Every long of at most this many bits converts to a double exactly (the width of a double's significand). */
    private static final int DOUBLE_PRECISION_BITS = 53;

    private IntMath() {}

    public static boolean isInt(Object x) {
        return x instanceof Long || x instanceof BigInteger;
    }

    public static Object normalize(BigInteger value) {
        if (value.bitLength() < Long.SIZE) {
            return value.longValue();
        }
        if (value.bitLength() > MAX_BITS) {
            throw new EvalException("int too large (more than " + MAX_BITS + " bits)");
        }
        return value;
    }

    public static BigInteger big(Object x) {
        return x instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) x;
    }

    public static Object add(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            long r = a + b;
            if (((a ^ r) & (b ^ r)) >= 0) {
                return r;
            }
        }
        return normalize(big(x).add(big(y)));
    }

    public static Object subtract(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            long r = a - b;
            if (((a ^ b) & (a ^ r)) >= 0) {
                return r;
            }
        }
        return normalize(big(x).subtract(big(y)));
    }

    public static Object multiply(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            long high = Math.multiplyHigh(a, b);
            long low = a * b;
            if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
                return low;
            }
        }
        return normalize(big(x).multiply(big(y)));
    }

    public static Object floorDivide(Object x, Object y) {
        if (isZero(y)) {
            throw new EvalException("floored division by zero");
        }
        if (x instanceof Long a && y instanceof Long b && !(a == Long.MIN_VALUE && b == -1)) {
            return Math.floorDiv(a, b);
        }
        BigInteger[] qr = big(x).divideAndRemainder(big(y));
        BigInteger q = qr[0];
        if (qr[1].signum() != 0 && (qr[1].signum() != big(y).signum())) {
            q = q.subtract(BigInteger.ONE);
        }
        return normalize(q);
    }

    public static Object floorMod(Object x, Object y) {
        if (isZero(y)) {
            throw new EvalException("integer modulo by zero");
        }
        if (x instanceof Long a && y instanceof Long b) {
            return Math.floorMod(a, b);
        }
        BigInteger r = big(x).mod(big(y).abs());
        if (big(y).signum() < 0 && r.signum() != 0) {
            r = r.add(big(y));
        }
        return normalize(r);
    }

    public static Object negate(Object x) {
        if (x instanceof Long a && a != Long.MIN_VALUE) {
            return -a;
        }
        return normalize(big(x).negate());
    }

    public static Object invert(Object x) {
        return x instanceof Long a ? (Object) ~a : normalize(big(x).not());
    }

    public static Object and(Object x, Object y) {
        return x instanceof Long a && y instanceof Long b ? (Object) (a & b) : normalize(big(x).and(big(y)));
    }

    public static Object or(Object x, Object y) {
        return x instanceof Long a && y instanceof Long b ? (Object) (a | b) : normalize(big(x).or(big(y)));
    }

    public static Object xor(Object x, Object y) {
        return x instanceof Long a && y instanceof Long b ? (Object) (a ^ b) : normalize(big(x).xor(big(y)));
    }

    public static Object shiftLeft(Object x, Object y) {
        int count = shiftCount(y);
        if (isZero(x)) {
            return 0L;
        }
        if (x instanceof Long a && count < Long.SIZE - 1) {
            long r = a << count;
            if (r >> count == a) {
                return r;
            }
        }
        if ((long) big(x).bitLength() + count > MAX_BITS) {
            throw new EvalException("shift count too large: " + y);
        }
        return normalize(big(x).shiftLeft(count));
    }

    public static Object shiftRight(Object x, Object y) {
        int count = shiftCount(y);
        if (x instanceof Long a) {
            return count >= 64 ? (a < 0 ? -1L : 0L) : a >> count;
        }
        return normalize(big(x).shiftRight(count));
    }

    private static int shiftCount(Object y) {
        if (big(y).signum() < 0) {
            throw new EvalException("negative shift count: " + y);
        }
        return y instanceof Long l && l <= MAX_BITS ? l.intValue() : MAX_BITS + 1;
    }

    private static boolean isZero(Object x) {
        return x instanceof Long l && l == 0;
    }

    public static int compare(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            return Long.compare(a, b);
        }
        return big(x).compareTo(big(y));
    }

    /** Exact comparison of an int with a float; NaN is greater than every int. */
    public static int compareWithFloat(Object x, double y) {
        if (Double.isNaN(y)) {
            return -1;
        }
        if (Double.isInfinite(y)) {
            return y > 0 ? -1 : 1;
        }
        if (x instanceof Long l && Math.abs(l) <= 1L << DOUBLE_PRECISION_BITS) {
            double d = l;
            return d < y ? -1 : d > y ? 1 : 0;
        }
        return new BigDecimal(big(x)).compareTo(new BigDecimal(y));
    }

    /** The nearest float; fails if the int is too large for a finite float. */
    public static double toDouble(Object x) {
        if (x instanceof Long l) {
            return l;
        }
        double d = ((BigInteger) x).doubleValue();
        if (Double.isInfinite(d)) {
            throw new EvalException("int too large to convert to float");
        }
        return d;
    }

    /** The int nearest a finite float, truncating toward zero. */
    public static Object fromDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new EvalException("cannot convert " + FloatFormat.str(d) + " to int");
        }
        if (Math.abs(d) < 0x1p62) {
            return (long) d;
        }
        return normalize(new BigDecimal(d).toBigInteger());
    }
}
