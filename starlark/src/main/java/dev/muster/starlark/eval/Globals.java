package dev.muster.starlark.eval;

import java.util.ArrayList;
import java.util.List;

/** The global variables of one executed module and the predeclared values it sees. */
public final class Globals {

    final String[] names;
    final Object[] values;
    final String[] predeclaredNames;
    final Object[] predeclared;

    public Globals(String[] names, String[] predeclaredNames, Object[] predeclared) {
        this.names = names;
        this.values = new Object[names.length];
        this.predeclaredNames = predeclaredNames;
        this.predeclared = predeclared;
    }

    /** The value of a global, or null if it is not defined or not yet assigned. */
    public Object get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** The names of the globals that have values, in order of declaration. */
    public List<String> boundNames() {
        List<String> bound = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                bound.add(names[i]);
            }
        }
        return bound;
    }
}
