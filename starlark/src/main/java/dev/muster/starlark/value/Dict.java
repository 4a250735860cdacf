package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable mapping that remembers insertion order. Keys are stored under their canonical hash key
 * (so that 1 and 1.0 are the same key); the key as first inserted is kept for iteration.
 */
public final class Dict extends MutableValue {

    private final LinkedHashMap<Object, Object> entries = new LinkedHashMap<>();
    private HashMap<Object, Object> insertedKeys;

    public Dict(Mutability mutability) {
        super(mutability);
    }

    @Override
    public int size() {
        return entries.size();
    }

    /** The value for a key, or null if absent; fails if the key is unhashable. */
    public Object get(Object key) {
        return entries.get(Values.hashKey(key));
    }

    public boolean containsKey(Object key) {
        return entries.containsKey(Values.hashKey(key));
    }

    public void put(Object key, Object value, ValueContext context) {
        Object hashKey = Values.hashKey(key);
        checkMutable("insert into");
        if (!entries.containsKey(hashKey)) {
            context.checkCollectionSize(entries.size() + 1L);
            if (hashKey != key) {
                if (insertedKeys == null) {
                    insertedKeys = new HashMap<>();
                }
                insertedKeys.put(hashKey, key);
            }
        }
        entries.put(hashKey, value);
    }

    /** Removes a key; returns its value, or null if absent. */
    public Object remove(Object key) {
        Object hashKey = Values.hashKey(key);
        checkMutable("remove from");
        if (insertedKeys != null) {
            insertedKeys.remove(hashKey);
        }
        return entries.remove(hashKey);
    }

    /** Removes and returns the first entry as a (key, value) tuple. */
    public Tuple popFirst() {
        checkMutable("remove from");
        if (entries.isEmpty()) {
            throw new EvalException("popitem: empty dict");
        }
        Map.Entry<Object, Object> first = entries.pollFirstEntry();
        return Tuple.pair(insertedKey(first.getKey()), first.getValue());
    }

    public void clear() {
        checkMutable("clear");
        entries.clear();
        insertedKeys = null;
    }

    public List<Object> keys() {
        List<Object> keys = new ArrayList<>(entries.size());
        for (Object hashKey : entries.keySet()) {
            keys.add(insertedKey(hashKey));
        }
        return keys;
    }

    public List<Object> values() {
        return new ArrayList<>(entries.values());
    }

    public List<Object> items() {
        List<Object> items = new ArrayList<>(entries.size());
        for (Map.Entry<Object, Object> entry : entries.entrySet()) {
            items.add(Tuple.pair(insertedKey(entry.getKey()), entry.getValue()));
        }
        return items;
    }

    private Object insertedKey(Object hashKey) {
        if (insertedKeys != null) {
            Object key = insertedKeys.get(hashKey);
            if (key != null) {
                return key;
            }
        }
        return hashKey;
    }

    @Override
    public Iterator<Object> iterator() {
        Iterator<Object> hashKeys = entries.keySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return hashKeys.hasNext();
            }

            @Override
            public Object next() {
                return insertedKey(hashKeys.next());
            }
        };
    }

    @Override
    public String type() {
        return "dict";
    }

    @Override
    public boolean truth() {
        return !entries.isEmpty();
    }

    @Override
    public void repr(Printer printer) {
        printer.append('{');
        String separator = "";
        for (Map.Entry<Object, Object> entry : entries.entrySet()) {
            printer.append(separator)
                    .repr(insertedKey(entry.getKey()))
                    .append(": ")
                    .repr(entry.getValue());
            separator = ", ";
        }
        printer.append('}');
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Dict that) || that.size() != size()) {
            return false;
        }
        for (Map.Entry<Object, Object> entry : entries.entrySet()) {
            Object theirs = that.entries.get(entry.getKey());
            if (theirs == null || !Values.equal(entry.getValue(), theirs)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        throw new EvalException("unhashable type: dict");
    }
}
