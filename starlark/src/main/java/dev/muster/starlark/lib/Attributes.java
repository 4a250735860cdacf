package dev.muster.starlark.lib;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.eval.BoundMethod;
import dev.muster.starlark.eval.Method;
import dev.muster.starlark.value.Bytes;
import dev.muster.starlark.value.Dict;
import dev.muster.starlark.value.HasAttributes;
import dev.muster.starlark.value.StarlarkList;
import dev.muster.starlark.value.StarlarkSet;
import dev.muster.starlark.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Attribute selection {@code x.name}: the methods of the built-in types and the fields of structs. */
public final class Attributes {

    private Attributes() {}

    /** The built-in method of the value's type with this name, or null. */
    public static Method method(Object x, String name) {
        Map<String, Method> methods = methods(x);
        return methods == null ? null : methods.get(name);
    }

    private static Map<String, Method> methods(Object x) {
        return switch (x) {
            case String ignored -> StringMethods.METHODS;
            case StarlarkList ignored -> ListMethods.METHODS;
            case Dict ignored -> DictMethods.METHODS;
            case StarlarkSet ignored -> SetMethods.METHODS;
            case Bytes ignored -> BytesMethods.METHODS;
            default -> null;
        };
    }

    /** The value of {@code x.name}: a bound method or a field. */
    public static Object get(Object x, String name) {
        Object value = find(x, name);
        if (value == null) {
            throw new EvalException(missing(x, name));
        }
        return value;
    }

    /** The value of {@code x.name}, or null if there is no such attribute. */
    public static Object find(Object x, String name) {
        Method method = method(x, name);
        if (method != null) {
            return new BoundMethod(x, method);
        }
        return x instanceof HasAttributes fields ? fields.getField(name) : null;
    }

    /** The names {@code dir(x)} lists, sorted. */
    public static List<String> names(Object x) {
        TreeSet<String> names = new TreeSet<>();
        Map<String, Method> methods = methods(x);
        if (methods != null) {
            names.addAll(methods.keySet());
        }
        if (x instanceof HasAttributes fields) {
            names.addAll(fields.fieldNames());
        }
        return new ArrayList<>(names);
    }

    /** The error for {@code x.name = value}: no built-in or host value has assignable fields. */
    public static String setError(Object x, String name) {
        if (find(x, name) != null) {
            return "cannot set field " + name + " of " + Values.type(x) + " value (it is read-only)";
        }
        return missing(x, name);
    }

    private static String missing(Object x, String name) {
        String message = Values.type(x) + " has no field or method \"" + name + "\"";
        if (x instanceof HasAttributes fields && !fields.fieldNames().isEmpty()) {
            message += " (it has: " + String.join(", ", fields.fieldNames()) + ")";
        }
        return message;
    }
}
