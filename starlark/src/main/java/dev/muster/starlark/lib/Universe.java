package dev.muster.starlark.lib;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.eval.BuiltinFunction;
import dev.muster.starlark.eval.StarlarkCallable;
import dev.muster.starlark.eval.StarlarkThread;
import dev.muster.starlark.value.Bytes;
import dev.muster.starlark.value.Dict;
import dev.muster.starlark.value.IntMath;
import dev.muster.starlark.value.NoneType;
import dev.muster.starlark.value.RangeValue;
import dev.muster.starlark.value.StarlarkIterable;
import dev.muster.starlark.value.StarlarkList;
import dev.muster.starlark.value.StarlarkSet;
import dev.muster.starlark.value.Tuple;
import dev.muster.starlark.value.Values;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The predeclared names every Starlark program sees: None, True, False and the built-in functions. */
public final class Universe {

    private static final Pattern FLOAT_LITERAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?)");
    private static final Pattern FLOAT_NAME = Pattern.compile("[+-]?(inf|infinity|nan)");

    private static final Map<String, Object> VALUES = values();

    private Universe() {}

    /** The universal value of a name, or null. */
    public static Object get(String name) {
        return VALUES.get(name);
    }

    private static Map<String, Object> values() {
        Map<String, Object> values = new HashMap<>();
        values.put("None", NoneType.NONE);
        values.put("True", true);
        values.put("False", false);
        for (BuiltinFunction function : new BuiltinFunction[] {
            new BuiltinFunction("abs", "x", (t, a) -> abs(a[0])),
            new BuiltinFunction(
                    "all", "x", (t, a) -> Arrays.stream(Values.toArray(a[0], t)).allMatch(Values::truth)),
            new BuiltinFunction(
                    "any", "x", (t, a) -> Arrays.stream(Values.toArray(a[0], t)).anyMatch(Values::truth)),
            new BuiltinFunction("bool", "x=False", (t, a) -> Values.truth(a[0])),
            new BuiltinFunction("bytes", "x", (t, a) -> bytes(t, a[0])),
            new BuiltinFunction("dict", "pairs=?, **kwargs", (t, a) -> {
                Dict dict = new Dict(t.mutability());
                DictMethods.update(t, dict, a[0], (Dict) a[1]);
                return dict;
            }),
            new BuiltinFunction("dir", "x", (t, a) -> StarlarkList.copyOf(t.mutability(), Attributes.names(a[0]))),
            new BuiltinFunction("enumerate", "x, start=0", (t, a) -> enumerate(t, a[0], a[1])),
            new BuiltinFunction("fail", "*args, sep=\" \"", (t, a) -> {
                throw new EvalException("fail: " + join(t, (Tuple) a[0], a[1]));
            }),
            new BuiltinFunction("float", "x=?", (t, a) -> a[0] == null ? 0.0 : toFloat(a[0])),
            new BuiltinFunction("getattr", "x, name, default=?", (t, a) -> {
                Object value = Attributes.find(a[0], StringMethods.string(a[1], "getattr"));
                if (value != null) {
                    return value;
                }
                return a[2] != null ? a[2] : Attributes.get(a[0], (String) a[1]);
            }),
            new BuiltinFunction(
                    "hasattr",
                    "x, name",
                    (t, a) -> Attributes.find(a[0], StringMethods.string(a[1], "hasattr")) != null),
            new BuiltinFunction("hash", "x", (t, a) -> hash(a[0])),
            new BuiltinFunction("int", "x=?, base=?", (t, a) -> a[0] == null ? 0L : toInt(a[0], a[1])),
            new BuiltinFunction("len", "x", (t, a) -> len(a[0])),
            new BuiltinFunction(
                    "list",
                    "x=?",
                    (t, a) ->
                            StarlarkList.wrap(t.mutability(), a[0] == null ? new Object[0] : Values.toArray(a[0], t))),
            new BuiltinFunction("max", "*args, key=None", (t, a) -> extreme(t, "max", (Tuple) a[0], a[1], 1)),
            new BuiltinFunction("min", "*args, key=None", (t, a) -> extreme(t, "min", (Tuple) a[0], a[1], -1)),
            new BuiltinFunction("print", "*args, sep=\" \"", (t, a) -> {
                t.print(join(t, (Tuple) a[0], a[1]));
                return NoneType.NONE;
            }),
            new BuiltinFunction("range", "start_or_stop, stop=?, step=1", (t, a) -> range(a)),
            new BuiltinFunction("repr", "x", (t, a) -> Values.repr(a[0], t)),
            new BuiltinFunction("reversed", "sequence", (t, a) -> {
                Object[] elements = Values.toArray(a[0], t);
                Collections.reverse(Arrays.asList(elements));
                return StarlarkList.wrap(t.mutability(), elements);
            }),
            new BuiltinFunction(
                    "set", "x=?", (t, a) -> a[0] == null ? new StarlarkSet(t.mutability()) : SetMethods.toSet(t, a[0])),
            new BuiltinFunction("sorted", "iterable, *, key=None, reverse=False", (t, a) -> sorted(t, a)),
            new BuiltinFunction("str", "x", (t, a) -> Values.str(a[0], t)),
            new BuiltinFunction(
                    "tuple",
                    "x=?",
                    (t, a) -> a[0] == null
                            ? Tuple.EMPTY
                            : a[0] instanceof Tuple tuple ? tuple : Tuple.wrap(Values.toArray(a[0], t))),
            new BuiltinFunction("type", "x", (t, a) -> Values.type(a[0])),
            new BuiltinFunction("zip", "*args", (t, a) -> zip(t, (Tuple) a[0])),
        }) {
            values.put(function.name(), function);
        }
        return Map.copyOf(values);
    }

    private static Object abs(Object x) {
        if (x instanceof Double d) {
            return Math.abs(d);
        }
        if (IntMath.isInt(x)) {
            return IntMath.compare(x, 0L) < 0 ? IntMath.negate(x) : x;
        }
        throw new EvalException("abs: got " + Values.type(x) + ", want int or float");
    }

    private static Bytes bytes(StarlarkThread thread, Object x) {
        if (x instanceof Bytes b) {
            return b;
        }
        if (x instanceof String s) {
            return Bytes.utf8(s);
        }
        if (!(x instanceof StarlarkIterable)) {
            throw new EvalException("bytes: got " + Values.type(x) + ", want string, bytes, or iterable of int");
        }
        Object[] elements = Values.toArray(x, thread);
        byte[] data = new byte[elements.length];
        for (int i = 0; i < elements.length; i++) {
            if (!(elements[i] instanceof Long l) || l < 0 || l > 255) {
                throw new EvalException(
                        "bytes: element " + Values.repr(elements[i]) + " is not an int in the range 0-255");
            }
            data[i] = (byte) (long) l;
        }
        return Bytes.wrap(data);
    }

    private static StarlarkList enumerate(StarlarkThread thread, Object iterable, Object start) {
        Object[] elements = Values.toArray(iterable, thread);
        Object index = start;
        if (!IntMath.isInt(index)) {
            throw new EvalException("enumerate: start must be int, not " + Values.type(start));
        }
        Object[] pairs = new Object[elements.length];
        for (int i = 0; i < elements.length; i++) {
            pairs[i] = Tuple.pair(index, elements[i]);
            index = IntMath.add(index, 1L);
        }
        return StarlarkList.wrap(thread.mutability(), pairs);
    }

    private static String join(StarlarkThread thread, Tuple args, Object separator) {
        String sep = StringMethods.string(separator, "sep");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.append(sep);
            }
            out.append(Values.str(args.get(i), thread));
            thread.checkStringLength(out.length());
        }
        return out.toString();
    }

    private static double toFloat(Object x) {
        switch (x) {
            case Double d -> {
                return d;
            }
            case Boolean b -> {
                return b ? 1.0 : 0.0;
            }
            case String s -> {
                String lower = s.toLowerCase(Locale.ROOT);
                if (FLOAT_NAME.matcher(lower).matches()) {
                    return lower.contains("nan")
                            ? Double.NaN
                            : lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                if (!FLOAT_LITERAL.matcher(s).matches()) {
                    throw new EvalException("float: invalid float literal: " + Values.repr(s));
                }
                double d = Double.parseDouble(s);
                if (Double.isInfinite(d)) {
                    throw new EvalException("float: floating-point number too large: " + s);
                }
                return d;
            }
            default -> {
                if (IntMath.isInt(x)) {
                    return IntMath.toDouble(x);
                }
                throw new EvalException("float: got " + Values.type(x) + ", want number or string");
            }
        }
    }

    private static long hash(Object x) {
        if (x instanceof String s) {
            return s.hashCode();
        }
        if (x instanceof Bytes b) {
            return b.fnv1a();
        }
        throw new EvalException("hash: got " + Values.type(x) + ", want string or bytes");
    }

    private static Object toInt(Object x, Object base) {
        if (x instanceof String s) {
            return parseInt(s, base == null ? 10 : Values.toInt(base, "base"));
        }
        if (base != null) {
            throw new EvalException("int: can't convert non-string with explicit base");
        }
        return switch (x) {
            case Boolean b -> b ? 1L : 0L;
            case Double d -> IntMath.fromDouble(d);
            default -> {
                if (IntMath.isInt(x)) {
                    yield x;
                }
                throw new EvalException("int: got " + Values.type(x) + ", want string, int, float or bool");
            }
        };
    }

    private static Object parseInt(String text, int base) {
        if (base != 0 && (base < 2 || base > 36)) {
            throw new EvalException("int: base must be 0 or between 2 and 36, not " + base);
        }
        String digits = text;
        boolean negative = false;
        if (digits.startsWith("+") || digits.startsWith("-")) {
            negative = digits.startsWith("-");
            digits = digits.substring(1);
        }
        int radix = base;
        String lower = digits.toLowerCase(Locale.ROOT);
        int prefixRadix = lower.startsWith("0x") ? 16 : lower.startsWith("0o") ? 8 : lower.startsWith("0b") ? 2 : 0;
        if (prefixRadix != 0 && (base == 0 || base == prefixRadix)) {
            radix = prefixRadix;
            digits = digits.substring(2);
        } else if (base == 0) {
            if (digits.length() > 1 && digits.startsWith("0")) {
                throw invalidInt(text, base);
            }
            radix = 10;
        }
        int digitRadix = radix;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c < 128 && Character.digit(c, digitRadix) >= 0)) {
            throw invalidInt(text, base);
        }
        BigInteger value = new BigInteger(digits, digitRadix);
        return IntMath.normalize(negative ? value.negate() : value);
    }

    private static EvalException invalidInt(String text, int base) {
        return new EvalException("int: invalid literal with base " + base + ": " + Values.repr(text));
    }

    private static long len(Object x) {
        long length = Values.length(x);
        if (length < 0) {
            throw new EvalException("len: value of type " + Values.type(x) + " has no len");
        }
        return length;
    }

    /** max or min ({@code sign} 1 or -1) of the arguments, or of the elements of a single iterable argument. */
    private static Object extreme(StarlarkThread thread, String name, Tuple args, Object key, int sign) {
        if (args.size() == 0) {
            throw new EvalException(name + ": expected at least one argument");
        }
        Object[] elements = args.size() == 1 ? Values.toArray(args.get(0), thread) : args.toArray();
        if (elements.length == 0) {
            throw new EvalException(name + ": empty sequence");
        }
        Object best = elements[0];
        Object bestKey = applyKey(thread, key, best);
        for (int i = 1; i < elements.length; i++) {
            Object candidateKey = applyKey(thread, key, elements[i]);
            if (Values.compare(candidateKey, bestKey) * sign > 0) {
                best = elements[i];
                bestKey = candidateKey;
            }
        }
        return best;
    }

    private static Object applyKey(StarlarkThread thread, Object key, Object element) {
        if (key == NoneType.NONE) {
            return element;
        }
        if (!(key instanceof StarlarkCallable function)) {
            throw new EvalException("key must be callable, not " + Values.type(key));
        }
        return function.call(thread, new Object[] {element}, Map.of());
    }

    private static RangeValue range(Object[] a) {
        long start = 0;
        long stop;
        if (a[1] == null) {
            stop = rangeArgument(a[0]);
        } else {
            start = rangeArgument(a[0]);
            stop = rangeArgument(a[1]);
        }
        return new RangeValue(start, stop, rangeArgument(a[2]));
    }

    private static long rangeArgument(Object x) {
        if (x instanceof Long l) {
            return l;
        }
        if (x instanceof BigInteger) {
            throw new EvalException("range: argument too large: " + x);
        }
        throw new EvalException("range: got " + Values.type(x) + ", want int");
    }

    private static StarlarkList sorted(StarlarkThread thread, Object[] a) {
        Object[] elements = Values.toArray(a[0], thread);
        Object[] keys = new Object[elements.length];
        Integer[] order = new Integer[elements.length];
        for (int i = 0; i < elements.length; i++) {
            keys[i] = applyKey(thread, a[1], elements[i]);
            order[i] = i;
        }
        Comparator<Integer> byKey = (x, y) -> Values.compare(keys[x], keys[y]);
        Arrays.sort(order, Values.truth(a[2]) ? byKey.reversed() : byKey);
        Object[] result = new Object[elements.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = elements[order[i]];
        }
        return StarlarkList.wrap(thread.mutability(), result);
    }

    private static StarlarkList zip(StarlarkThread thread, Tuple iterables) {
        Object[][] columns = new Object[iterables.size()][];
        int rows = Integer.MAX_VALUE;
        for (int i = 0; i < columns.length; i++) {
            columns[i] = Values.toArray(iterables.get(i), thread);
            rows = Math.min(rows, columns[i].length);
        }
        if (columns.length == 0) {
            rows = 0;
        }
        Object[] result = new Object[rows];
        for (int r = 0; r < rows; r++) {
            Object[] row = new Object[columns.length];
            for (int c = 0; c < columns.length; c++) {
                row[c] = columns[c][r];
            }
            result[r] = Tuple.wrap(row);
        }
        return StarlarkList.wrap(thread.mutability(), result);
    }
}
