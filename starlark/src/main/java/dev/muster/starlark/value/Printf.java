package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;
import java.util.Locale;

/** The string interpolation operator {@code format % args}. */
public final class Printf {

    private Printf() {}

    public static String format(String format, Object args, ValueContext context) {
        Object[] operands = args instanceof Tuple tuple ? tuple.toArray() : new Object[] {args};
        StringBuilder out = new StringBuilder();
        int next = 0;
        boolean named = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= format.length()) {
                throw new EvalException("incomplete format");
            }
            if (format.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            Object operand;
            if (format.charAt(i) == '(') {
                int close = format.indexOf(')', i);
                if (close < 0) {
                    throw new EvalException("incomplete format key");
                }
                if (!(args instanceof Dict dict)) {
                    throw new EvalException("format requires a mapping");
                }
                String key = format.substring(i + 1, close);
                operand = dict.get(key);
                if (operand == null) {
                    throw new EvalException("key not found: " + Values.repr(key));
                }
                named = true;
                i = close + 1;
                if (i >= format.length()) {
                    throw new EvalException("incomplete format");
                }
            } else {
                if (next >= operands.length) {
                    throw new EvalException("not enough arguments for format string");
                }
                operand = operands[next++];
            }
            out.append(convert(format.charAt(i), operand, context));
            context.checkStringLength(out.length());
        }
        if (!named && next < operands.length) {
            throw new EvalException("too many arguments for format string");
        }
        return out.toString();
    }

    private static String convert(char conversion, Object x, ValueContext context) {
        return switch (conversion) {
            case 's' -> Values.str(x, context);
            case 'r' -> Values.repr(x, context);
            case 'd', 'i' -> integer(conversion, x).toString();
            case 'o' -> radix(integer(conversion, x), 8, false);
            case 'x' -> radix(integer(conversion, x), 16, false);
            case 'X' -> radix(integer(conversion, x), 16, true);
            case 'e', 'E', 'f', 'F', 'g', 'G' -> FloatFormat.format(floating(conversion, x), conversion);
            default -> throw new EvalException("unsupported format character '" + conversion + "'");
        };
    }

    private static Object integer(char conversion, Object x) {
        if (IntMath.isInt(x)) {
            return x;
        }
        if (x instanceof Double d) {
            return IntMath.fromDouble(d);
        }
        throw new EvalException("%" + conversion + " format requires a number, not " + Values.type(x));
    }

    private static double floating(char conversion, Object x) {
        if (x instanceof Double d) {
            return d;
        }
        if (IntMath.isInt(x)) {
            return IntMath.toDouble(x);
        }
        throw new EvalException("%" + conversion + " format requires a number, not " + Values.type(x));
    }

    private static String radix(Object x, int radix, boolean upper) {
        String digits = IntMath.big(x).toString(radix);
        return upper ? digits.toUpperCase(Locale.ROOT) : digits;
    }
}
