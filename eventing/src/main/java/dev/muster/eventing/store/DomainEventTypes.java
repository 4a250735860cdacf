package dev.muster.eventing.store;

import java.util.HashMap;
import java.util.Map;

/**
 * Maps domain event classes to stable type names and versions, and back. Names are chosen once and
 * never derived from Java class names, so classes can be renamed or moved freely.
 */
public final class DomainEventTypes {

    /** A type name and the version of its payload. */
    public record TypeName(String name, int version) {}

    private final Map<Class<?>, TypeName> names = new HashMap<>();
    private final Map<TypeName, Class<?>> classes = new HashMap<>();

    public DomainEventTypes register(Class<?> eventClass, String name, int version) {
        TypeName typeName = new TypeName(name, version);
        if (classes.containsKey(typeName) || names.containsKey(eventClass)) {
            throw new IllegalArgumentException(
                    "event type registered twice: " + typeName + " / " + eventClass.getName());
        }
        names.put(eventClass, typeName);
        classes.put(typeName, eventClass);
        return this;
    }

    public DomainEventTypes register(Class<?> eventClass, String name) {
        return register(eventClass, name, 1);
    }

    TypeName nameOf(Class<?> eventClass) {
        TypeName name = names.get(eventClass);
        if (name == null) {
            throw new IllegalArgumentException("unregistered domain event class " + eventClass.getName());
        }
        return name;
    }

    Class<?> classOf(String name, int version) {
        Class<?> eventClass = classes.get(new TypeName(name, version));
        if (eventClass == null) {
            throw new IllegalStateException("stored event of unknown type " + name + " v" + version);
        }
        return eventClass;
    }
}
