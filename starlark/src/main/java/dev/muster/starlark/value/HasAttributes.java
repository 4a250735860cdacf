package dev.muster.starlark.value;

import java.util.Collection;

/** A value with named fields, selected by {@code x.name}; such as a struct converted from a host record. */
public interface HasAttributes extends StarlarkValue {

    /** The field's value, or null if there is no such field. */
    Object getField(String name);

    Collection<String> fieldNames();
}
