package dev.muster.starlark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runtime errors name the file, line and column, and carry the Starlark call stack. */
class ErrorReportingTest {

    private static StarlarkEvalError failure(String source) {
        return catchThrowableOfType(
                StarlarkEvalError.class,
                () -> Starlark.compile("placement.star", source).execute(Environment.defaults()));
    }

    @Test
    void tracebackListsEachActiveCallOutermostFirst() {
        StarlarkEvalError error = failure("""
                def inner(x):
                    return x // 0

                def outer():
                    return inner(1)

                outer()
                """);
        assertThat(error.getMessage()).isEqualTo("placement.star:2:14: floored division by zero");
        assertThat(error.reason()).isEqualTo("floored division by zero");
        assertThat(error.location()).isEqualTo(new Location("placement.star", 2, 14));
        assertThat(error.traceback()).isEqualTo("""
                Traceback (most recent call last):
                  placement.star:7:6: in <toplevel>
                  placement.star:5:17: in outer
                  placement.star:2:14: in inner
                Error: floored division by zero""");
        assertThat(error.stack())
                .extracting(StarlarkEvalError.Frame::function)
                .containsExactly("<toplevel>", "outer", "inner");
    }

    @Test
    void errorsInBuiltinsPointAtTheCall() {
        StarlarkEvalError error = failure("x = [1]\ny = len(x) + x.index(9)\n");
        assertThat(error.getMessage()).isEqualTo("placement.star:2:21: index: value not in list: 9");
    }

    @Test
    void errorsInKeyFunctionsShowTheFunctionInTheStack() {
        StarlarkEvalError error = failure("def key(x):\n    return x[5]\ny = sorted([[1]], key=key)\n");
        assertThat(error.traceback())
                .contains(
                        "placement.star:3:11: in <toplevel>",
                        "placement.star:2:13: in key",
                        "Error: index out of range: 5 (length is 1)");
    }

    @Test
    void errorsInCallsFromTheHostStartAtTheFunction() {
        Module module = Starlark.compile("placement.star", "def f(x):\n    return x + 'a'\n")
                .execute(Environment.defaults());
        StarlarkEvalError error = catchThrowableOfType(StarlarkEvalError.class, () -> module.call("f", Map.of("x", 1)));
        assertThat(error.traceback()).isEqualTo("""
                Traceback (most recent call last):
                  placement.star:2:14: in f
                Error: unsupported binary operation: int + string""");
    }

    @Test
    void failReportsTheCallersPosition() {
        StarlarkEvalError error = failure("def check(n):\n    if n < 0:\n        fail('negative:', n)\ncheck(-1)\n");
        assertThat(error.getMessage()).isEqualTo("placement.star:3:13: fail: negative: -1");
    }
}
