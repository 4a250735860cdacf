package dev.muster.starlark.lib;

import dev.muster.starlark.eval.Method;
import java.util.HashMap;
import java.util.Map;

/** Builds the name-to-method table of a type. */
final class MethodTable {

    private MethodTable() {}

    static Map<String, Method> of(Method... methods) {
        Map<String, Method> table = new HashMap<>();
        for (Method method : methods) {
            table.put(method.name(), method);
        }
        return Map.copyOf(table);
    }
}
