package dev.muster.starlark;

import dev.muster.starlark.eval.Compiler;
import dev.muster.starlark.host.JavaBridge;
import dev.muster.starlark.syntax.Parser;
import dev.muster.starlark.value.Struct;
import java.util.Map;

/**
 * Entry point of the interpreter.
 * <pre>{@code
 * StarlarkProgram program = Starlark.compile("placement.star", source, options);
 * Module module = program.execute(Environment.defaults());
 * Object target = module.call("instance_placement", Map.of("request", request));
 * }</pre>
 */
public final class Starlark {

    private Starlark() {}

    /** Compiles with the default options. */
    public static StarlarkProgram compile(String file, String source) {
        return compile(file, source, StarlarkOptions.defaults());
    }

    /**
     * Parses and resolves a file. Fails with a {@link StarlarkCompileError} for syntax errors and static
     * errors such as undefined names. The program is immutable and may be executed many times, concurrently.
     */
    public static StarlarkProgram compile(String file, String source, StarlarkOptions options) {
        return new StarlarkProgram(Compiler.compile(file, Parser.parseFile(file, source), options), options);
    }

    /**
     * Converts a Java value to a Starlark value: null to None; Boolean, String, and numbers to bool, string,
     * int or float; records to read-only structs with one field per component; Maps to frozen dicts;
     * Lists, arrays and other Collections to frozen lists (Sets to frozen sets); enums to their name;
     * Optionals to their value or None. Other types are refused.
     */
    public static Object toStarlark(Object value) {
        return JavaBridge.toStarlark(value);
    }

    /**
     * Converts a Starlark value to Java: None to null, int to Long (BigInteger if too large), float to Double,
     * lists and tuples to unmodifiable Lists, dicts to Maps, sets to Sets, structs back to their record
     * (or to a Map of fields). Functions are returned as they are.
     */
    public static Object toJava(Object value) {
        return JavaBridge.toJava(value);
    }

    /** A read-only struct with the given fields (converted as by {@link #toStarlark(Object)}). */
    public static Struct struct(String typeName, Map<String, ?> fields) {
        return JavaBridge.struct(typeName, fields);
    }
}
