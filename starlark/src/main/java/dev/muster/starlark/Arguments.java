package dev.muster.starlark;

import dev.muster.starlark.host.JavaBridge;
import dev.muster.starlark.value.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a call to a {@link HostFunction}. Accessors return Java values
 * (None is null, ints are Long or BigInteger, lists are unmodifiable Lists, dicts are Maps).
 */
public final class Arguments {

    private final String function;
    private final Object[] positional;
    private final Map<String, Object> named;

    public Arguments(String function, Object[] positional, Map<String, Object> named) {
        this.function = function;
        this.positional = positional;
        this.named = named;
    }

    /** The name of the function being called. */
    public String function() {
        return function;
    }

    /** The number of positional arguments. */
    public int size() {
        return positional.length;
    }

    public Object get(int index) {
        if (index >= positional.length) {
            throw new EvalException(function + ": missing positional argument " + (index + 1));
        }
        return JavaBridge.toJava(positional[index]);
    }

    /** A keyword argument, or null if it was not given. */
    public Object get(String name) {
        Object value = named.get(name);
        return value == null ? null : JavaBridge.toJava(value);
    }

    public boolean has(String name) {
        return named.containsKey(name);
    }

    public String getString(int index) {
        return typed(index, String.class, "string");
    }

    public long getLong(int index) {
        return typed(index, Long.class, "int");
    }

    private <T> T typed(int index, Class<T> type, String typeName) {
        Object value = get(index);
        if (!type.isInstance(value)) {
            throw new EvalException(function + ": argument " + (index + 1) + " must be " + typeName + ", not "
                    + Values.type(positional[index]));
        }
        return type.cast(value);
    }

    /** Fails unless the number of positional arguments is within bounds and no keyword is unknown. */
    public Arguments expect(int minPositional, int maxPositional, String... keywords) {
        if (positional.length < minPositional || positional.length > maxPositional) {
            String want = minPositional == maxPositional
                    ? String.valueOf(minPositional)
                    : minPositional + " to " + maxPositional;
            throw new EvalException(function + ": got " + positional.length + " positional arguments, want " + want);
        }
        for (String name : named.keySet()) {
            if (!List.of(keywords).contains(name)) {
                throw new EvalException(function + ": unexpected keyword argument \"" + name + "\"");
            }
        }
        return this;
    }

    public List<Object> positional() {
        List<Object> values = new ArrayList<>(positional.length);
        for (Object value : positional) {
            values.add(JavaBridge.toJava(value));
        }
        return Collections.unmodifiableList(values);
    }

    public Map<String, Object> named() {
        Map<String, Object> values = new LinkedHashMap<>();
        named.forEach((name, value) -> values.put(name, JavaBridge.toJava(value)));
        return Collections.unmodifiableMap(values);
    }

    /** The positional argument as a Starlark value, unconverted. */
    public Object starlarkValue(int index) {
        return positional[index];
    }
}
