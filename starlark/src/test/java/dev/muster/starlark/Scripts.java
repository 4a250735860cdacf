package dev.muster.starlark;

import java.util.ArrayList;
import java.util.List;

/** Runs small Starlark programs for the tests. */
final class Scripts {

    private Scripts() {}

    static final StarlarkOptions OPTIONS = StarlarkOptions.defaults();

    /** Executes a program and returns the module. */
    static Module run(String source) {
        return run(source, OPTIONS);
    }

    static Module run(String source, StarlarkOptions options) {
        return Starlark.compile("test.star", source, options).execute(Environment.defaults());
    }

    /** The repr of an expression's value; several comma-separated expressions form a tuple. */
    static String repr(String expression) {
        return (String) run("result = repr((" + expression + "))").get("result");
    }

    /** The value of an expression, converted to Java. */
    static Object eval(String expression) {
        return run("result = " + expression).get("result");
    }

    /** What a program prints, one element per line. */
    static List<String> output(String source) {
        List<String> lines = new ArrayList<>();
        Starlark.compile("test.star", source, OPTIONS)
                .execute(Environment.builder().print(lines::add).build());
        return lines;
    }

    /** The message of the error a program fails with. */
    static String error(String source) {
        return error(source, OPTIONS);
    }

    static String error(String source, StarlarkOptions options) {
        try {
            run(source, options);
        } catch (StarlarkException e) {
            return e.getMessage();
        }
        throw new AssertionError("program did not fail:\n" + source);
    }
}
