package dev.muster.starlark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: print to stdout, exit 0; errors with position and traceback to stderr, exit 1. */
class StarlarkMainTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String source, String... options) throws IOException {
        Path file = directory.resolve("script.star");
        Files.writeString(file, source);
        String[] args = new String[options.length + 1];
        System.arraycopy(options, 0, args, 0, options.length);
        args[options.length] = file.toString();
        return StarlarkMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void successfulRunPrintsToStdoutAndExitsZero() throws IOException {
        assertThat(run("def greet(name):\n    return 'hello ' + name\nprint(greet('world'))\n"))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello world" + System.lineSeparator());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void runtimeErrorPrintsTheTracebackAndExitsOne() throws IOException {
        assertThat(run("def f():\n    return 1 // 0\nf()\n")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Traceback (most recent call last):")
                .contains("script.star:3:2: in <toplevel>")
                .contains("script.star:2:14: in f")
                .contains("Error: floored division by zero");
    }

    @Test
    void syntaxErrorPrintsThePositionAndExitsOne() throws IOException {
        assertThat(run("x = (1,\n")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("script.star:2:1: syntax error");
    }

    @Test
    void optionsChangeTheDialect() throws IOException {
        String recursive = "def f(n):\n    return 1 if n == 0 else n * f(n - 1)\nprint(f(5))\n";
        assertThat(run(recursive)).isEqualTo(1);
        assertThat(run(recursive, "--allow-recursion")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("120");
    }

    @Test
    void stepBudgetOptionStopsRunawayScripts() throws IOException {
        assertThat(run("for i in range(1000000000):\n    pass\n", "--max-steps", "1000"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exceeded its step budget of 1000");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(StarlarkMain.run(new String[0], new PrintStream(out), new PrintStream(err)))
                .isEqualTo(2);
        assertThat(StarlarkMain.run(new String[] {"--bogus", "x.star"}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: StarlarkMain");
    }

    @Test
    void missingFileExitsOne() {
        assertThat(StarlarkMain.run(
                        new String[] {directory.resolve("none.star").toString()},
                        new PrintStream(out),
                        new PrintStream(err)))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
    }
}
