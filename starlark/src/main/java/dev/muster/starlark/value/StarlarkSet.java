package dev.muster.starlark.value;

import dev.muster.starlark.EvalException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/** A mutable collection of unique hashable values, iterated in the order they were first added. */
public final class StarlarkSet extends MutableValue {

    /** Canonical hash key to the element as first added. */
    private final LinkedHashMap<Object, Object> elements = new LinkedHashMap<>();

    public StarlarkSet(Mutability mutability) {
        super(mutability);
    }

    @Override
    public int size() {
        return elements.size();
    }

    public boolean contains(Object element) {
        return elements.containsKey(Values.hashKey(element));
    }

    public void add(Object element, ValueContext context) {
        Object hashKey = Values.hashKey(element);
        checkMutable("insert into");
        if (!elements.containsKey(hashKey)) {
            context.checkCollectionSize(elements.size() + 1L);
            elements.put(hashKey, element);
        }
    }

    /** Removes an element; returns whether it was present. */
    public boolean remove(Object element) {
        Object hashKey = Values.hashKey(element);
        checkMutable("remove from");
        return elements.remove(hashKey) != null;
    }

    public Object popFirst() {
        checkMutable("remove from");
        if (elements.isEmpty()) {
            throw new EvalException("pop: empty set");
        }
        return elements.pollFirstEntry().getValue();
    }

    public void clear() {
        checkMutable("clear");
        elements.clear();
    }

    /** Keeps only the elements the other collection contains. */
    public void retainOnly(StarlarkSet other) {
        checkMutable("remove from");
        elements.keySet().retainAll(other.elements.keySet());
    }

    public List<Object> toList() {
        return new ArrayList<>(elements.values());
    }

    @Override
    public Iterator<Object> iterator() {
        return elements.values().iterator();
    }

    @Override
    public String type() {
        return "set";
    }

    @Override
    public boolean truth() {
        return !elements.isEmpty();
    }

    @Override
    public void repr(Printer printer) {
        if (elements.isEmpty()) {
            printer.append("set()");
        } else {
            printer.append("set([").reprAll(elements.values()).append("])");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StarlarkSet that && that.elements.keySet().equals(elements.keySet());
    }

    @Override
    public int hashCode() {
        throw new EvalException("unhashable type: set");
    }
}
