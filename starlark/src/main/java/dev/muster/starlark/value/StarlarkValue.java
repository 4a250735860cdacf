package dev.muster.starlark.value;

/**
 * A Starlark value implemented in Java. The scalar types are plain Java objects:
 * Boolean (bool), Long or BigInteger (int), Double (float) and String (string);
 * {@link NoneType#NONE} is None. Everything else implements this interface.
 * Hashable values must implement equals and hashCode consistently with Starlark equality.
 */
public interface StarlarkValue {

    /** The name {@code type(x)} reports. */
    String type();

    /** Appends the form {@code repr(x)} produces. */
    void repr(Printer printer);

    /** Appends the form {@code str(x)} produces; the same as repr unless overridden. */
    default void str(Printer printer) {
        repr(printer);
    }

    default boolean truth() {
        return true;
    }

    /** Whether the value may be a dict key or set element. */
    default boolean isHashable() {
        return false;
    }
}
