package dev.muster.starlark.value;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable value with named fields, read with {@code x.field}. Host records become structs whose
 * type is the record's simple name; the record is kept so it can be handed back to the host unchanged.
 */
public final class Struct implements HasAttributes {

    private final String typeName;
    private final Map<String, Object> fields;
    private final Object source;

    public Struct(String typeName, Map<String, Object> fields, Object source) {
        this.typeName = typeName;
        this.fields = new LinkedHashMap<>(fields);
        this.source = source;
    }

    /** The host object the struct was converted from, or null. */
    public Object source() {
        return source;
    }

    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public Object getField(String name) {
        return fields.get(name);
    }

    @Override
    public Collection<String> fieldNames() {
        return fields.keySet();
    }

    @Override
    public String type() {
        return typeName;
    }

    @Override
    public boolean isHashable() {
        return fields.values().stream().allMatch(Values::isHashable);
    }

    @Override
    public void repr(Printer printer) {
        printer.append(typeName).append('(');
        String separator = "";
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            printer.append(separator).append(field.getKey()).append(" = ").repr(field.getValue());
            separator = ", ";
        }
        printer.append(')');
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Struct that)
                || !that.typeName.equals(typeName)
                || !that.fields.keySet().equals(fields.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!Values.equal(field.getValue(), that.fields.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(typeName);
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            hash = 31 * hash
                    + field.getKey().hashCode() * 17
                    + Values.hashKey(field.getValue()).hashCode();
        }
        return hash;
    }
}
