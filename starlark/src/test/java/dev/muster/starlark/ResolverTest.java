package dev.muster.starlark;

import static dev.muster.starlark.Scripts.error;
import static dev.muster.starlark.Scripts.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Spec section "Name binding and variables": the static checks, reported with file:line:col. */
class ResolverTest {

    @Test
    void undefinedNameIsAStaticErrorEvenInCodeThatNeverRuns() {
        assertThatThrownBy(() -> Starlark.compile("test.star", "def f():\n  if False:\n    g()\n"))
                .isInstanceOf(StarlarkCompileError.class)
                .hasMessage("test.star:3:5: undefined: g");
    }

    @Test
    void compileErrorsCarryTheirPosition() {
        StarlarkCompileError error = (StarlarkCompileError) catchCompile("x = 1\ny = (\n");
        assertThat(error.location()).isEqualTo(new Location("test.star", 3, 1));
        assertThat(error.reason()).contains("unexpected end of file");
    }

    private static Throwable catchCompile(String source) {
        try {
            Starlark.compile("test.star", source);
        } catch (StarlarkCompileError e) {
            return e;
        }
        throw new AssertionError("compiled");
    }

    @Test
    void aGlobalMayBeBoundOnlyOnce() {
        assertThat(error("x = 1\nx = 2"))
                .isEqualTo("test.star:2:1: cannot reassign global x declared at test.star:1:1");
        assertThat(error("x = 1\nx += 1")).contains("cannot reassign global x");
        assertThat(error("def f(): pass\ndef f(): pass")).contains("cannot reassign global f");
        StarlarkOptions reassign =
                StarlarkOptions.builder().allowGlobalReassign(true).build();
        assertThat(Scripts.run("x = 1\nx += 1", reassign).get("x")).isEqualTo(2L);
    }

    @Test
    void predeclaredAndUniversalNamesMayBeShadowedByAGlobal() {
        assertThat(output("len = 3\nprint(len)")).containsExactly("3");
    }

    @Test
    void breakAndContinueOutsideALoopAreStaticErrors() {
        assertThat(error("def f():\n  break")).isEqualTo("test.star:2:3: break statement not within a loop");
        assertThat(error("def f():\n  continue")).contains("continue statement not within a loop");
        assertThat(error("def f():\n  for x in []:\n    def g():\n      break"))
                .contains("break statement not within a loop");
    }

    @Test
    void returnOutsideAFunctionIsAStaticError() {
        assertThat(error("return 1")).isEqualTo("test.star:1:1: return statement not within a function");
    }

    @Test
    void aNameBoundAnywhereInAFunctionIsLocalThroughout() {
        assertThat(output("""
                y = "goodbye"
                def hello():
                    for x in (1, 2):
                        if x == 2:
                            print(y)
                        if x == 1:
                            y = "hello"
                hello()
                """)).containsExactly("hello");
    }

    @Test
    void localReferencedBeforeAssignmentIsADynamicError() {
        assertThat(error("def f():\n  print(x)\n  x = 1\nf()"))
                .isEqualTo("test.star:2:9: local variable x referenced before assignment");
    }

    @Test
    void globalReferencedBeforeAssignmentIsADynamicError() {
        assertThat(error("print(x)\nx = 'hello'"))
                .isEqualTo("test.star:1:7: global variable x referenced before assignment");
    }

    @Test
    void functionsMayReferToGlobalsDefinedLater() {
        assertThat(output("def f():\n  return K\nK = 1\nprint(f())")).containsExactly("1");
    }

    @Test
    void innerFunctionsCannotAssignOuterLocals() {
        assertThat(output("""
                def outer():
                    x = 1
                    def inner():
                        x = 2
                        return x
                    return inner(), x
                print(outer())
                """)).containsExactly("(2, 1)");
    }

    @Test
    void syntaxErrorsNameWhatWasExpected() {
        assertThat(error("def f(:\n  pass")).isEqualTo("test.star:1:7: syntax error: got ':', want identifier");
        assertThat(error("x = [1, 2")).contains("syntax error: got end of file, want ']'");
        assertThat(error("1 = x")).contains("cannot assign to a literal");
        assertThat(error("f() = 1")).contains("cannot assign to a function call");
        assertThat(error("(a, b) += 1")).contains("cannot use augmented assignment on a tuple");
        assertThat(error("x = (y for y in z)")).contains("generator expressions are not supported");
    }
}
