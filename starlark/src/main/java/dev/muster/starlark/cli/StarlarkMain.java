package dev.muster.starlark.cli;

import dev.muster.starlark.Environment;
import dev.muster.starlark.Starlark;
import dev.muster.starlark.StarlarkCompileError;
import dev.muster.starlark.StarlarkEvalError;
import dev.muster.starlark.StarlarkOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a Starlark file: {@code StarlarkMain [options] FILE.star}. {@code print} writes to standard output.
 * Exits 0 on success; on a syntax, resolution or runtime error prints the error (with its position and
 * Starlark traceback) to standard error and exits 1; exits 2 on a usage error.
 */
public final class StarlarkMain {

    private static final String USAGE = """
            usage: StarlarkMain [options] FILE.star
              --allow-recursion        let functions call themselves
              --allow-global-reassign  let the top level bind a global more than once
              --allow-while            enable while loops
              --no-top-level-control   reject if/for statements outside functions (as the spec does)
              --max-steps N            the step budget (default 10000000)
            """;

    private StarlarkMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        StarlarkOptions.Builder options = StarlarkOptions.builder();
        Environment.Builder environment = Environment.builder().print(out::println);
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--allow-recursion" -> options.allowRecursion(true);
                case "--allow-global-reassign" -> options.allowGlobalReassign(true);
                case "--allow-while" -> options.allowWhile(true);
                case "--no-top-level-control" -> options.allowTopLevelControl(false);
                case "--max-steps" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--max-steps needs a number");
                    }
                    try {
                        environment.maxSteps(Long.parseLong(args[++i]));
                    } catch (IllegalArgumentException e) {
                        return usage(err, "invalid --max-steps: " + args[i]);
                    }
                }
                default -> {
                    if (args[i].startsWith("--") || file != null) {
                        return usage(err, "unexpected argument: " + args[i]);
                    }
                    file = args[i];
                }
            }
        }
        if (file == null) {
            return usage(err, "no file given");
        }
        String source;
        try {
            source = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        try {
            Starlark.compile(file, source, options.build()).execute(environment.build());
            return 0;
        } catch (StarlarkCompileError e) {
            err.println(e.getMessage());
            return 1;
        } catch (StarlarkEvalError e) {
            err.println(e.traceback());
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.print(USAGE);
        return 2;
    }
}
