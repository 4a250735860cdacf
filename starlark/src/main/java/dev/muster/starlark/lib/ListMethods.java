package dev.muster.starlark.lib;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.eval.Method;
import dev.muster.starlark.value.NoneType;
import dev.muster.starlark.value.Slices;
import dev.muster.starlark.value.StarlarkList;
import dev.muster.starlark.value.Values;
import java.util.Map;

/** The methods of lists. */
final class ListMethods {

    private ListMethods() {}

    static final Map<String, Method> METHODS = MethodTable.of(
            new Method("append", "x", (t, self, a) -> {
                ((StarlarkList) self).append(a[0], t);
                return NoneType.NONE;
            }),
            new Method("clear", "", (t, self, a) -> {
                ((StarlarkList) self).clear();
                return NoneType.NONE;
            }),
            new Method("extend", "iterable", (t, self, a) -> {
                ((StarlarkList) self).addAll(Values.toArray(a[0], t), t);
                return NoneType.NONE;
            }),
            new Method("index", "x, start=None, end=None", (t, self, a) -> index((StarlarkList) self, a)),
            new Method("insert", "index, x", (t, self, a) -> {
                StarlarkList list = (StarlarkList) self;
                list.insert(Slices.clampIndex(a[0], list.size(), 0), a[1], t);
                return NoneType.NONE;
            }),
            new Method("pop", "index=?", (t, self, a) -> pop((StarlarkList) self, a[0])),
            new Method("remove", "x", (t, self, a) -> {
                StarlarkList list = (StarlarkList) self;
                for (int i = 0; i < list.size(); i++) {
                    if (Values.equal(list.get(i), a[0])) {
                        list.removeAt(i);
                        return NoneType.NONE;
                    }
                }
                throw new EvalException("remove: element " + Values.repr(a[0]) + " not found");
            }));

    private static long index(StarlarkList list, Object[] a) {
        int start = Slices.clampIndex(a[1], list.size(), 0);
        int end = Slices.clampIndex(a[2], list.size(), list.size());
        for (int i = start; i < end; i++) {
            if (Values.equal(list.get(i), a[0])) {
                return i;
            }
        }
        throw new EvalException("index: value not in list: " + Values.repr(a[0]));
    }

    private static Object pop(StarlarkList list, Object index) {
        if (list.size() == 0) {
            throw new EvalException("pop: empty list");
        }
        int at = index == null ? list.size() - 1 : Slices.index(index, list.size());
        return list.removeAt(at);
    }
}
