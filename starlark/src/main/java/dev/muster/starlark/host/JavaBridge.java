package dev.muster.starlark.host;

import dev.muster.starlark.HostFunction;
import dev.muster.starlark.eval.StarlarkCallable;
import dev.muster.starlark.value.Bytes;
import dev.muster.starlark.value.Dict;
import dev.muster.starlark.value.IntMath;
import dev.muster.starlark.value.Mutability;
import dev.muster.starlark.value.NoneType;
import dev.muster.starlark.value.RangeValue;
import dev.muster.starlark.value.StarlarkList;
import dev.muster.starlark.value.StarlarkSet;
import dev.muster.starlark.value.StarlarkValue;
import dev.muster.starlark.value.Struct;
import dev.muster.starlark.value.Tuple;
import dev.muster.starlark.value.ValueContext;
import dev.muster.starlark.value.Values;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts values between Java and Starlark. Host values become read-only Starlark values:
 * collections are frozen copies, records become structs. Nothing else of a Java object (its methods,
 * its class) is reachable from Starlark.
 */
public final class JavaBridge {

    private JavaBridge() {}

    public static StarlarkCallable function(String name, HostFunction function) {
        return new HostBuiltin(name, function);
    }

    /** Converts the value bound to a predeclared name: a HostFunction becomes a built-in of that name. */
    public static Object toStarlarkBinding(String name, Object value) {
        return value instanceof HostFunction function ? function(name, function) : toStarlark(value);
    }

    public static Object toStarlark(Object value) {
        Mutability mutability = new Mutability();
        Object converted = convert(value, new Context(mutability));
        mutability.freeze();
        return converted;
    }

    public static Struct struct(String typeName, Map<String, ?> fields) {
        Mutability mutability = new Mutability();
        Map<String, Object> converted = new LinkedHashMap<>();
        Context context = new Context(mutability);
        fields.forEach((name, value) -> converted.put(name, convert(value, context)));
        mutability.freeze();
        return new Struct(typeName, converted, null);
    }

    /** Conversion without size limits, creating values under one freeze switch. */
    private record Context(Mutability mutability) implements ValueContext {
        @Override
        public int maxCollectionSize() {
            return Integer.MAX_VALUE;
        }

        @Override
        public int maxStringLength() {
            return Integer.MAX_VALUE;
        }
    }

    private static Object convert(Object value, Context context) {
        return switch (value) {
            case null -> NoneType.NONE;
            case StarlarkValue v -> v;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case BigInteger b -> IntMath.normalize(b);
            case Double d -> d;
            case Float f -> (double) f;
            case BigDecimal d -> d.doubleValue();
            case Character c -> String.valueOf(c);
            case Enum<?> e -> e.name();
            case Optional<?> o -> convert(o.orElse(null), context);
            case HostFunction f -> function("host_function", f);
            case Record r -> record(r, context);
            case Map<?, ?> map -> {
                Dict dict = new Dict(context.mutability());
                map.forEach((k, v) -> dict.put(convert(k, context), convert(v, context), context));
                yield dict;
            }
            case Set<?> set -> {
                StarlarkSet result = new StarlarkSet(context.mutability());
                set.forEach(e -> result.add(convert(e, context), context));
                yield result;
            }
            case Collection<?> collection ->
                StarlarkList.wrap(
                        context.mutability(),
                        collection.stream().map(e -> convert(e, context)).toArray());
            case byte[] data -> Bytes.wrap(data.clone());
            default -> {
                if (value.getClass().isArray()) {
                    Object[] elements = new Object[Array.getLength(value)];
                    for (int i = 0; i < elements.length; i++) {
                        elements[i] = convert(Array.get(value, i), context);
                    }
                    yield StarlarkList.wrap(context.mutability(), elements);
                }
                throw new IllegalArgumentException(
                        "cannot convert a " + value.getClass().getName() + " to a Starlark value");
            }
        };
    }

    private static Struct record(Record record, Context context) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                component.getAccessor().setAccessible(true);
                fields.put(component.getName(), convert(component.getAccessor().invoke(record), context));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException(
                        "cannot read component " + component.getName() + " of "
                                + record.getClass().getName(),
                        e);
            }
        }
        return new Struct(record.getClass().getSimpleName(), fields, record);
    }

    public static Object toJava(Object value) {
        return switch (value) {
            case NoneType ignored -> null;
            case StarlarkList list -> toJavaList(list.asList());
            case Tuple tuple -> toJavaList(tuple.asList());
            case Dict dict -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (Object key : dict.keys()) {
                    map.put(toJava(key), toJava(dict.get(key)));
                }
                yield Collections.unmodifiableMap(map);
            }
            case StarlarkSet set -> {
                Set<Object> result = new LinkedHashSet<>();
                set.toList().forEach(e -> result.add(toJava(e)));
                yield Collections.unmodifiableSet(result);
            }
            case Struct struct -> {
                if (struct.source() != null) {
                    yield struct.source();
                }
                Map<String, Object> map = new LinkedHashMap<>();
                struct.fields().forEach((name, field) -> map.put(name, toJava(field)));
                yield Collections.unmodifiableMap(map);
            }
            case Bytes bytes -> bytes.toArray();
            case RangeValue range -> toJavaList(List.of(Values.toArray(range, new Context(Mutability.FROZEN))));
            default -> value;
        };
    }

    private static List<Object> toJavaList(List<Object> elements) {
        List<Object> result = new ArrayList<>(elements.size());
        for (Object element : elements) {
            result.add(toJava(element));
        }
        return Collections.unmodifiableList(result);
    }
}
