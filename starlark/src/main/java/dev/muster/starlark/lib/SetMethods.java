package dev.muster.starlark.lib;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.eval.Method;
import dev.muster.starlark.eval.StarlarkThread;
import dev.muster.starlark.value.NoneType;
import dev.muster.starlark.value.StarlarkSet;
import dev.muster.starlark.value.Tuple;
import dev.muster.starlark.value.Values;
import java.util.Map;

/** The methods of sets. Those taking {@code *others} accept any iterables, not only sets. */
final class SetMethods {

    private SetMethods() {}

    static final Map<String, Method> METHODS = MethodTable.of(
            new Method("add", "x", (t, self, a) -> {
                ((StarlarkSet) self).add(a[0], t);
                return NoneType.NONE;
            }),
            new Method("clear", "", (t, self, a) -> {
                ((StarlarkSet) self).clear();
                return NoneType.NONE;
            }),
            new Method("difference", "*others", (t, self, a) -> {
                StarlarkSet result = copy(t, (StarlarkSet) self);
                removeAll(t, result, (Tuple) a[0]);
                return result;
            }),
            new Method("difference_update", "*others", (t, self, a) -> {
                removeAll(t, (StarlarkSet) self, (Tuple) a[0]);
                return NoneType.NONE;
            }),
            new Method("discard", "x", (t, self, a) -> {
                ((StarlarkSet) self).remove(a[0]);
                return NoneType.NONE;
            }),
            new Method("intersection", "*others", (t, self, a) -> {
                StarlarkSet result = copy(t, (StarlarkSet) self);
                retainAll(t, result, (Tuple) a[0]);
                return result;
            }),
            new Method("intersection_update", "*others", (t, self, a) -> {
                retainAll(t, (StarlarkSet) self, (Tuple) a[0]);
                return NoneType.NONE;
            }),
            new Method("isdisjoint", "other", (t, self, a) -> {
                StarlarkSet set = (StarlarkSet) self;
                for (Object element : Values.toArray(a[0], t)) {
                    if (set.contains(element)) {
                        return false;
                    }
                }
                return true;
            }),
            new Method("issubset", "other", (t, self, a) -> {
                StarlarkSet other = toSet(t, a[0]);
                return ((StarlarkSet) self).toList().stream().allMatch(other::contains);
            }),
            new Method("issuperset", "other", (t, self, a) -> {
                StarlarkSet set = (StarlarkSet) self;
                for (Object element : Values.toArray(a[0], t)) {
                    if (!set.contains(element)) {
                        return false;
                    }
                }
                return true;
            }),
            new Method("pop", "", (t, self, a) -> ((StarlarkSet) self).popFirst()),
            new Method("remove", "x", (t, self, a) -> {
                if (!((StarlarkSet) self).remove(a[0])) {
                    throw new EvalException("remove: element " + Values.repr(a[0]) + " not found");
                }
                return NoneType.NONE;
            }),
            new Method("symmetric_difference", "other", (t, self, a) -> {
                StarlarkSet result = copy(t, (StarlarkSet) self);
                toggleAll(t, result, a[0]);
                return result;
            }),
            new Method("symmetric_difference_update", "other", (t, self, a) -> {
                toggleAll(t, (StarlarkSet) self, a[0]);
                return NoneType.NONE;
            }),
            new Method("union", "*others", (t, self, a) -> {
                StarlarkSet result = copy(t, (StarlarkSet) self);
                addAll(t, result, (Tuple) a[0]);
                return result;
            }),
            new Method("update", "*others", (t, self, a) -> {
                addAll(t, (StarlarkSet) self, (Tuple) a[0]);
                return NoneType.NONE;
            }));

    static StarlarkSet toSet(StarlarkThread thread, Object iterable) {
        StarlarkSet set = new StarlarkSet(thread.mutability());
        for (Object element : Values.toArray(iterable, thread)) {
            set.add(element, thread);
        }
        return set;
    }

    private static StarlarkSet copy(StarlarkThread thread, StarlarkSet set) {
        StarlarkSet copy = new StarlarkSet(thread.mutability());
        set.toList().forEach(e -> copy.add(e, thread));
        return copy;
    }

    private static void addAll(StarlarkThread thread, StarlarkSet target, Tuple others) {
        for (Object other : others.asList()) {
            for (Object element : Values.toArray(other, thread)) {
                target.add(element, thread);
            }
        }
    }

    private static void removeAll(StarlarkThread thread, StarlarkSet target, Tuple others) {
        for (Object other : others.asList()) {
            for (Object element : Values.toArray(other, thread)) {
                target.remove(element);
            }
        }
    }

    private static void retainAll(StarlarkThread thread, StarlarkSet target, Tuple others) {
        for (Object other : others.asList()) {
            target.retainOnly(toSet(thread, other));
        }
    }

    private static void toggleAll(StarlarkThread thread, StarlarkSet target, Object other) {
        for (Object element : toSet(thread, other).toList()) {
            if (!target.remove(element)) {
                target.add(element, thread);
            }
        }
    }
}
