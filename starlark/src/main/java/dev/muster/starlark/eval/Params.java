package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.value.Dict;
import dev.muster.starlark.value.NoneType;
import dev.muster.starlark.value.Tuple;
import dev.muster.starlark.value.ValueContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a built-in function or method, written like a Starlark parameter list:
 * {@code "sub, start=None, end=None"}, {@code "*args, sep=\" \""}, {@code "iterable, *, key=None, reverse=False"}.
 * {@code =?} marks an optional parameter without a default: when omitted its bound value is null.
 * Binding yields one value per parameter in declaration order: {@code *args} as a tuple, {@code **kwargs} as a dict.
 */
public final class Params {

    private static final Object NO_DEFAULT = new Object();

    private final String function;
    private final int size;
    private final String[] names;
    private final int[] slots;
    private final Object[] defaults;
    private final int positionalCount;
    private final int varargsSlot;
    private final int kwargsSlot;
    private final Map<String, Integer> byName = new HashMap<>();

    private Params(String function, String signature) {
        this.function = function;
        List<String> parsedNames = new ArrayList<>();
        List<Integer> parsedSlots = new ArrayList<>();
        List<Object> parsedDefaults = new ArrayList<>();
        int positional = -1;
        int varargs = -1;
        int kwargs = -1;
        int slot = 0;
        String[] parts = signature.isBlank() ? new String[0] : signature.split(",\\s*(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        for (String part : parts) {
            String parameter = part.trim();
            if (parameter.startsWith("**")) {
                kwargs = slot++;
            } else if (parameter.startsWith("*")) {
                positional = parsedNames.size();
                if (parameter.length() > 1) {
                    varargs = slot++;
                }
            } else {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                byName.put(name, parsedNames.size());
                parsedNames.add(name);
                parsedSlots.add(slot++);
                parsedDefaults.add(equals < 0 ? NO_DEFAULT : parseDefault(parameter.substring(equals + 1)));
            }
        }
        this.size = slot;
        this.names = parsedNames.toArray(String[]::new);
        this.slots = parsedSlots.stream().mapToInt(Integer::intValue).toArray();
        this.defaults = parsedDefaults.toArray();
        this.positionalCount = positional < 0 ? names.length : positional;
        this.varargsSlot = varargs;
        this.kwargsSlot = kwargs;
    }

    public static Params of(String function, String signature) {
        return new Params(function, signature);
    }

    private static Object parseDefault(String text) {
        return switch (text) {
            case "?" -> null;
            case "None" -> NoneType.NONE;
            case "True" -> true;
            case "False" -> false;
            default -> text.startsWith("\"") ? text.substring(1, text.length() - 1) : (Object) Long.parseLong(text);
        };
    }

    public Object[] bind(Object[] positional, Map<String, Object> named, ValueContext context) {
        Object[] bound = new Object[size];
        boolean[] given = new boolean[names.length];
        if (positional.length > positionalCount && varargsSlot < 0) {
            throw new EvalException(function + ": got " + positional.length + " positional argument"
                    + (positional.length == 1 ? "" : "s") + ", want at most " + positionalCount);
        }
        int direct = Math.min(positional.length, positionalCount);
        for (int i = 0; i < direct; i++) {
            bound[slots[i]] = positional[i];
            given[i] = true;
        }
        if (varargsSlot >= 0) {
            bound[varargsSlot] =
                    Tuple.wrap(Arrays.copyOfRange(positional, direct, Math.max(direct, positional.length)));
        }
        Dict kwargs = kwargsSlot >= 0 ? new Dict(context.mutability()) : null;
        if (kwargs != null) {
            bound[kwargsSlot] = kwargs;
        }
        for (Map.Entry<String, Object> argument : named.entrySet()) {
            Integer index = byName.get(argument.getKey());
            if (index == null) {
                if (kwargs == null) {
                    throw new EvalException(function + ": unexpected keyword argument \"" + argument.getKey() + "\"");
                }
                kwargs.put(argument.getKey(), argument.getValue(), context);
            } else if (given[index]) {
                throw new EvalException(function + ": got multiple values for parameter \"" + argument.getKey() + "\"");
            } else {
                bound[slots[index]] = argument.getValue();
                given[index] = true;
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (!given[i]) {
                if (defaults[i] == NO_DEFAULT) {
                    throw new EvalException(function + ": missing argument for " + names[i]);
                }
                bound[slots[i]] = defaults[i];
            }
        }
        return bound;
    }
}
