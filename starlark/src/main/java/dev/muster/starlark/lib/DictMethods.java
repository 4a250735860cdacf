package dev.muster.starlark.lib;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.eval.Method;
import dev.muster.starlark.eval.StarlarkThread;
import dev.muster.starlark.value.Dict;
import dev.muster.starlark.value.NoneType;
import dev.muster.starlark.value.StarlarkList;
import dev.muster.starlark.value.Values;
import java.util.Map;

/** The methods of dicts. */
final class DictMethods {

    private DictMethods() {}

    static final Map<String, Method> METHODS = MethodTable.of(
            new Method("clear", "", (t, self, a) -> {
                ((Dict) self).clear();
                return NoneType.NONE;
            }),
            new Method("get", "key, default=None", (t, self, a) -> {
                Object value = ((Dict) self).get(a[0]);
                return value == null ? a[1] : value;
            }),
            new Method("items", "", (t, self, a) -> StarlarkList.copyOf(t.mutability(), ((Dict) self).items())),
            new Method("keys", "", (t, self, a) -> StarlarkList.copyOf(t.mutability(), ((Dict) self).keys())),
            new Method("pop", "key, default=?", (t, self, a) -> {
                Dict dict = (Dict) self;
                Object value = dict.get(a[0]);
                if (value == null) {
                    if (a[1] == null) {
                        throw new EvalException("pop: key " + Values.repr(a[0]) + " not found");
                    }
                    return a[1];
                }
                dict.remove(a[0]);
                return value;
            }),
            new Method("popitem", "", (t, self, a) -> ((Dict) self).popFirst()),
            new Method("setdefault", "key, default=None", (t, self, a) -> {
                Dict dict = (Dict) self;
                Object value = dict.get(a[0]);
                if (value != null) {
                    return value;
                }
                dict.put(a[0], a[1], t);
                return a[1];
            }),
            new Method("update", "pairs=?, **kwargs", (t, self, a) -> {
                update(t, (Dict) self, a[0], (Dict) a[1]);
                return NoneType.NONE;
            }),
            new Method("values", "", (t, self, a) -> StarlarkList.copyOf(t.mutability(), ((Dict) self).values())));

    /** Inserts the entries of a dict or an iterable of pairs (if given), then the keyword arguments. */
    static void update(StarlarkThread thread, Dict target, Object pairs, Dict kwargs) {
        if (pairs instanceof Dict source) {
            for (Object key : source.keys()) {
                target.put(key, source.get(key), thread);
            }
        } else if (pairs != null && pairs != NoneType.NONE) {
            Object[] elements = Values.toArray(pairs, thread);
            for (int i = 0; i < elements.length; i++) {
                Object[] pair;
                try {
                    pair = Values.toArray(elements[i], thread);
                } catch (EvalException e) {
                    throw new EvalException("dictionary update sequence element #" + i + " is not iterable ("
                            + Values.type(elements[i]) + ")");
                }
                if (pair.length != 2) {
                    throw new EvalException(
                            "dictionary update sequence element #" + i + " has length " + pair.length + ", want 2");
                }
                target.put(pair[0], pair[1], thread);
            }
        }
        for (Object key : kwargs.keys()) {
            target.put(key, kwargs.get(key), thread);
        }
    }
}
