package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.syntax.TokenKind;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.Stream;

/** The unary and binary operators of the specification, applied to values. */
public final class Operators {

    private Operators() {}

    public static Object binary(TokenKind op, Object x, Object y, ValueContext context) {
        return switch (op) {
            case PLUS -> plus(x, y, context);
            case MINUS -> minus(x, y, context);
            case STAR -> times(x, y, context);
            case SLASH -> divide(x, y);
            case SLASH_SLASH -> floorDivide(x, y);
            case PERCENT -> percent(x, y, context);
            case AMPERSAND -> ampersand(x, y, context);
            case PIPE -> pipe(x, y, context);
            case CARET -> caret(x, y, context);
            case LESS_LESS -> IntMath.isInt(x) && IntMath.isInt(y) ? IntMath.shiftLeft(x, y) : unsupported(op, x, y);
            case GREATER_GREATER ->
                IntMath.isInt(x) && IntMath.isInt(y) ? IntMath.shiftRight(x, y) : unsupported(op, x, y);
            case EQUALS_EQUALS -> Values.equal(x, y);
            case NOT_EQUALS -> !Values.equal(x, y);
            case LESS -> compare(op, x, y) < 0;
            case GREATER -> compare(op, x, y) > 0;
            case LESS_EQUALS -> compare(op, x, y) <= 0;
            case GREATER_EQUALS -> compare(op, x, y) >= 0;
            case IN -> contains(y, x);
            case NOT_IN -> !contains(y, x);
            default -> throw new IllegalArgumentException("not a binary operator: " + op);
        };
    }

    /** Applies {@code x op= y}: lists, dicts and sets are updated in place, other values as by {@code x op y}. */
    public static Object augmented(TokenKind op, Object x, Object y, ValueContext context) {
        if (op == TokenKind.PLUS && x instanceof StarlarkList list) {
            list.addAll(Values.toArray(y, context), context);
            return list;
        }
        if (op == TokenKind.PIPE && x instanceof Dict dict && y instanceof Dict other) {
            for (Object key : other.keys()) {
                dict.put(key, other.get(key), context);
            }
            return dict;
        }
        if (x instanceof StarlarkSet set && y instanceof StarlarkSet other) {
            switch (op) {
                case PIPE -> other.toList().forEach(e -> set.add(e, context));
                case AMPERSAND -> set.retainOnly(other);
                case MINUS -> other.toList().forEach(set::remove);
                case CARET ->
                    other.toList().forEach(e -> {
                        if (!set.remove(e)) {
                            set.add(e, context);
                        }
                    });
                default -> {
                    return binary(op, x, y, context);
                }
            }
            return set;
        }
        return binary(op, x, y, context);
    }

    public static Object unary(TokenKind op, Object x) {
        switch (op) {
            case NOT -> {
                return !Values.truth(x);
            }
            case MINUS -> {
                if (x instanceof Double d) {
                    return -d;
                }
                if (IntMath.isInt(x)) {
                    return IntMath.negate(x);
                }
            }
            case PLUS -> {
                if (Values.isNumber(x)) {
                    return x;
                }
            }
            case TILDE -> {
                if (IntMath.isInt(x)) {
                    return IntMath.invert(x);
                }
            }
            default -> {}
        }
        throw new EvalException("unsupported unary operation: " + op + Values.type(x));
    }

    private static int compare(TokenKind op, Object x, Object y) {
        try {
            return Values.compare(x, y);
        } catch (EvalException e) {
            throw new EvalException("unsupported comparison: " + Values.type(x) + " " + op + " " + Values.type(y));
        }
    }

    private static Object plus(Object x, Object y, ValueContext context) {
        if (x instanceof Long && y instanceof Long) {
            return IntMath.add(x, y);
        }
        if (Values.isNumber(x) && Values.isNumber(y)) {
            return x instanceof Double || y instanceof Double
                    ? (Object) (toDouble(x) + toDouble(y))
                    : IntMath.add(x, y);
        }
        if (x instanceof String a && y instanceof String b) {
            context.checkStringLength((long) a.length() + b.length());
            return a.concat(b);
        }
        if (x instanceof StarlarkList a && y instanceof StarlarkList b) {
            context.checkCollectionSize((long) a.size() + b.size());
            Object[] result = Arrays.copyOf(a.toArray(), a.size() + b.size());
            System.arraycopy(b.toArray(), 0, result, a.size(), b.size());
            return StarlarkList.wrap(context.mutability(), result);
        }
        if (x instanceof Tuple a && y instanceof Tuple b) {
            context.checkCollectionSize((long) a.size() + b.size());
            return a.concat(b);
        }
        if (x instanceof Bytes a && y instanceof Bytes b) {
            context.checkStringLength((long) a.size() + b.size());
            return a.concat(b);
        }
        return unsupported(TokenKind.PLUS, x, y);
    }

    private static Object minus(Object x, Object y, ValueContext context) {
        if (Values.isNumber(x) && Values.isNumber(y)) {
            return x instanceof Double || y instanceof Double
                    ? (Object) (toDouble(x) - toDouble(y))
                    : IntMath.subtract(x, y);
        }
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b) {
            return newSet(context, a.toList().stream().filter(e -> !b.contains(e)));
        }
        return unsupported(TokenKind.MINUS, x, y);
    }

    private static Object times(Object x, Object y, ValueContext context) {
        if (Values.isNumber(x) && Values.isNumber(y)) {
            return x instanceof Double || y instanceof Double
                    ? (Object) (toDouble(x) * toDouble(y))
                    : IntMath.multiply(x, y);
        }
        if (IntMath.isInt(x)) {
            return repeat(y, x, context);
        }
        if (IntMath.isInt(y)) {
            return repeat(x, y, context);
        }
        return unsupported(TokenKind.STAR, x, y);
    }

    private static Object repeat(Object sequence, Object count, ValueContext context) {
        long n = Math.max(0, Values.toLongClamped(count, "repeat count"));
        long length = Values.length(sequence);
        if (length < 0
                || sequence instanceof RangeValue
                || sequence instanceof Dict
                || sequence instanceof StarlarkSet
                || sequence instanceof ElemsView) {
            return unsupported(TokenKind.STAR, sequence, count);
        }
        long total = length == 0 ? 0 : (n > Integer.MAX_VALUE / Math.max(1, length) ? Long.MAX_VALUE : length * n);
        if (sequence instanceof String || sequence instanceof Bytes) {
            context.checkStringLength(total);
        } else {
            context.checkCollectionSize(total);
        }
        int times = (int) (total == 0 ? 0 : n);
        return switch (sequence) {
            case String s -> s.repeat(times);
            case Bytes b -> b.repeat(times);
            case StarlarkList list -> StarlarkList.wrap(context.mutability(), repeatArray(list.toArray(), times));
            case Tuple tuple -> Tuple.wrap(repeatArray(tuple.toArray(), times));
            default -> unsupported(TokenKind.STAR, sequence, count);
        };
    }

    private static Object[] repeatArray(Object[] elements, int times) {
        Object[] result = new Object[elements.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(elements, 0, result, i * elements.length, elements.length);
        }
        return result;
    }

    private static Object divide(Object x, Object y) {
        if (Values.isNumber(x) && Values.isNumber(y)) {
            double divisor = toDouble(y);
            if (divisor == 0) {
                throw new EvalException("floating-point division by zero");
            }
            return toDouble(x) / divisor;
        }
        return unsupported(TokenKind.SLASH, x, y);
    }

    private static Object floorDivide(Object x, Object y) {
        if (IntMath.isInt(x) && IntMath.isInt(y)) {
            return IntMath.floorDivide(x, y);
        }
        if (Values.isNumber(x) && Values.isNumber(y)) {
            double divisor = toDouble(y);
            if (divisor == 0) {
                throw new EvalException("floored division by zero");
            }
            return Math.floor(toDouble(x) / divisor);
        }
        return unsupported(TokenKind.SLASH_SLASH, x, y);
    }

    private static Object percent(Object x, Object y, ValueContext context) {
        if (IntMath.isInt(x) && IntMath.isInt(y)) {
            return IntMath.floorMod(x, y);
        }
        if (Values.isNumber(x) && Values.isNumber(y)) {
            double a = toDouble(x);
            double b = toDouble(y);
            if (b == 0) {
                throw new EvalException("floating-point modulo by zero");
            }
            double r = a % b;
            if (r != 0 && (r < 0) != (b < 0)) {
                r += b;
            }
            return r;
        }
        if (x instanceof String format) {
            return Printf.format(format, y, context);
        }
        return unsupported(TokenKind.PERCENT, x, y);
    }

    private static Object ampersand(Object x, Object y, ValueContext context) {
        if (IntMath.isInt(x) && IntMath.isInt(y)) {
            return IntMath.and(x, y);
        }
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b) {
            return newSet(context, a.toList().stream().filter(b::contains));
        }
        return unsupported(TokenKind.AMPERSAND, x, y);
    }

    private static Object pipe(Object x, Object y, ValueContext context) {
        if (IntMath.isInt(x) && IntMath.isInt(y)) {
            return IntMath.or(x, y);
        }
        if (x instanceof Dict a && y instanceof Dict b) {
            Dict result = new Dict(context.mutability());
            for (Dict source : new Dict[] {a, b}) {
                for (Object key : source.keys()) {
                    result.put(key, source.get(key), context);
                }
            }
            return result;
        }
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b) {
            return newSet(context, Stream.concat(a.toList().stream(), b.toList().stream()));
        }
        return unsupported(TokenKind.PIPE, x, y);
    }

    private static Object caret(Object x, Object y, ValueContext context) {
        if (IntMath.isInt(x) && IntMath.isInt(y)) {
            return IntMath.xor(x, y);
        }
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b) {
            return newSet(
                    context,
                    Stream.concat(
                            a.toList().stream().filter(e -> !b.contains(e)),
                            b.toList().stream().filter(e -> !a.contains(e))));
        }
        return unsupported(TokenKind.CARET, x, y);
    }

    /** The result of a binary set operator: a new set of the elements, added in order. */
    private static StarlarkSet newSet(ValueContext context, Stream<Object> elements) {
        StarlarkSet result = new StarlarkSet(context.mutability());
        elements.forEach(e -> result.add(e, context));
        return result;
    }

    /** Whether {@code x in container}. */
    public static boolean contains(Object container, Object x) {
        switch (container) {
            case StarlarkList list -> {
                for (int i = 0; i < list.size(); i++) {
                    if (Values.equal(list.get(i), x)) {
                        return true;
                    }
                }
                return false;
            }
            case Tuple tuple -> {
                for (int i = 0; i < tuple.size(); i++) {
                    if (Values.equal(tuple.get(i), x)) {
                        return true;
                    }
                }
                return false;
            }
            case Dict dict -> {
                return dict.containsKey(x);
            }
            case StarlarkSet set -> {
                return set.contains(x);
            }
            case String s -> {
                if (x instanceof String part) {
                    return s.contains(part);
                }
                throw new EvalException("'in <string>' requires string as left operand, not " + Values.type(x));
            }
            case Bytes bytes -> {
                if (x instanceof Bytes part) {
                    return bytes.contains(part);
                }
                if (x instanceof Long l && l >= 0 && l <= 255) {
                    return bytes.contains(l.intValue());
                }
                throw new EvalException(
                        "'in <bytes>' requires bytes or an int 0-255 as left operand, not " + Values.type(x));
            }
            case RangeValue range -> {
                if (x instanceof Long l) {
                    return range.contains(l);
                }
                if (x instanceof BigInteger) {
                    return false;
                }
                if (x instanceof Double d) {
                    return d == Math.rint(d) && Math.abs(d) < 0x1p62 && range.contains((long) (double) d);
                }
                throw new EvalException("'in <range>' requires a number as left operand, not " + Values.type(x));
            }
            default ->
                throw new EvalException(
                        "unsupported binary operation: " + Values.type(x) + " in " + Values.type(container));
        }
    }

    private static double toDouble(Object x) {
        return x instanceof Double d ? d : IntMath.toDouble(x);
    }

    private static Object unsupported(TokenKind op, Object x, Object y) {
        throw new EvalException("unsupported binary operation: " + Values.type(x) + " " + op + " " + Values.type(y));
    }
}
