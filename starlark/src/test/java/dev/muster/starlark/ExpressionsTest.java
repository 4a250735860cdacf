package dev.muster.starlark;

import static dev.muster.starlark.Scripts.error;
import static dev.muster.starlark.Scripts.eval;
import static dev.muster.starlark.Scripts.output;
import static dev.muster.starlark.Scripts.repr;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec section "Expressions": precedence, logic, comparisons, comprehensions, calls, lambdas. */
class ExpressionsTest {

    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            value = {
                "1 + 2 * 3 + 4 => 11",
                "(1 + 2) * (3 + 4) => 21",
                "-2 * 3 => -6",
                "2 - 3 - 4 => -5",
                "24 // 4 // 2 => 3",
                "1 + 2 << 1 => 6",
                "1 << 2 + 1 => 8",
                "6 & 3 | 1 => 3",
                "6 & 3 ^ 1 => 3",
                "1 | 2 ^ 3 => 1",
                "~1 + 1 => -1",
                "-1 % 3 => 2"
            })
    void binaryOperatorsBindByPrecedenceAndAssociateLeft(String expression, long value) {
        assertThat(eval(expression)).isEqualTo(value);
    }

    @Test
    void logicalOperatorsShortCircuitAndYieldOperands() {
        assertThat(repr("0 or 'hello', 1 or 'hello', 0 and 'hello', 1 and 'hello'"))
                .isEqualTo("(\"hello\", 1, 0, \"hello\")");
        assertThat(repr("False or 1 // 0 if False else True or 1 // 0")).isEqualTo("True");
        assertThat(repr("[] and [][0]")).isEqualTo("[]");
        assertThat(repr("not 1 == 2, not [], not 'a'")).isEqualTo("(True, True, False)");
        assertThat(repr("not 1 in [1]")).isEqualTo("False");
        assertThat(repr("1 < 2 and 2 < 3 or False")).isEqualTo("True");
    }

    @Test
    void comparisonsDoNotAssociate() {
        assertThat(error("x = 0 <= 1 < 2"))
                .contains("test.star:1:12")
                .contains("comparison operators do not associate");
        assertThat(error("x = 1 == 1 == 1")).contains("do not associate");
    }

    @Test
    void membershipTests() {
        assertThat(repr("1 in [1, 2], 4 not in (1, 2), 'one' in {'one': 1}, 1 in {'one': 1}"))
                .isEqualTo("(True, True, True, False)");
        assertThat(error("x = 1 in 2")).contains("unsupported binary operation: int in int");
    }

    @Test
    void orderedComparisonOfUnrelatedTypesIsAnError() {
        assertThat(error("x = 1 < 'a'")).contains("unsupported comparison: int < string");
        assertThat(error("x = None > None")).contains("unsupported comparison: NoneType > NoneType");
        assertThat(repr("1 == 'a', None == None, None != 0")).isEqualTo("(False, True, True)");
    }

    @Test
    void conditionalExpressionsBindLooserThanOr() {
        assertThat(repr("'yes' if 1 > 0 else 'no'")).isEqualTo("\"yes\"");
        assertThat(repr("1 if False else 2 if False else 3")).isEqualTo("3");
        assertThat(repr("(lambda: 1)() if True else 2")).isEqualTo("1");
        assertThat(repr("3 if False else (lambda: 4)()")).isEqualTo("4");
    }

    @Test
    void comprehensionsNestClausesLeftToRight() {
        assertThat(repr("[x * x for x in range(5)]")).isEqualTo("[0, 1, 4, 9, 16]");
        assertThat(repr("[x * x for x in range(5) if x % 2 == 0]")).isEqualTo("[0, 4, 16]");
        assertThat(repr("[(x, y) for x in range(5) if x % 2 == 0 for y in range(5) if y > x]"))
                .isEqualTo("[(0, 1), (0, 2), (0, 3), (0, 4), (2, 3), (2, 4)]");
        assertThat(repr("[x * y + z for (x, y), z in [((2, 3), 5), (('o', 2), '!')]]"))
                .isEqualTo("[11, \"oo!\"]");
        assertThat(repr("{x: len(x) for x in ['able', 'baker']}")).isEqualTo("{\"able\": 4, \"baker\": 5}");
        assertThat(repr("{k: v for k, v in [(1, 'a'), (1, 'b')]}")).isEqualTo("{1: \"b\"}");
    }

    @Test
    void comprehensionVariablesAreLocalToTheComprehension() {
        assertThat(output("""
                x = 1
                _ = [x for x in [2]]
                print(x)
                """)).containsExactly("1");
    }

    @Test
    void laterComprehensionLoopsSeeTheirOwnBlock() {
        assertThat(repr("[1 // 0 for x in [] for y in z for z in ()]")).isEqualTo("[]");
        assertThat(error("x = [1 // 0 for x in [1] for y in z for z in ()]"))
                .contains("local variable z referenced before assignment");
    }

    @Test
    void unparenthesizedTupleOrLambdaIsNotAComprehensionOperand() {
        assertThat(error("x = [2 * x for x in 1, 2, 3]")).contains("unexpected ','");
        assertThat(error("x = [2 * x for x in lambda: 0]")).contains("unexpected 'lambda'");
    }

    @Test
    void trailingCommaIsAllowedOnlyInsideBrackets() {
        assertThat(repr("[1, 2, 3, ], {1: 2, 3: 4, }, (1, 2, )")).isEqualTo("([1, 2, 3], {1: 2, 3: 4}, (1, 2))");
        assertThat(repr("sorted([3, 1, 4, 1],)")).isEqualTo("[1, 1, 3, 4]");
        assertThat(error("def f(d):\n  for k, v, in d.items(): pass\n")).contains("unexpected 'in'");
        assertThat(error("x = 1, 2,")).contains("unexpected newline");
    }

    @Test
    void callsBindPositionalKeywordAndVariadicArguments() {
        assertThat(output("""
                def f(a, b, c=5):
                    return a * b + c
                print(f(*[2, 3]), f(*[2, 3, 7]), f(**dict(b=3, a=2)), f(**dict(c=7, a=2, b=3)), f(2, c=1, *[3]))
                def g(*args, **kwargs):
                    return args, kwargs
                print(g(1, 2, x=3), g(*(1,), **{"y": 2}))
                """)).containsExactly("11 13 11 13 7", "((1, 2), {\"x\": 3}) ((1,), {\"y\": 2})");
    }

    @Test
    void callArgumentErrors() {
        String f = "def f(a, b, c=5):\n  return a\n";
        assertThat(error(f + "f(*[2])")).contains("function f missing 1 argument (b)");
        assertThat(error(f + "f(a=1, b=2, **dict(d=4))")).contains("function f got unexpected keyword argument \"d\"");
        assertThat(error(f + "f(1, 2, 3, 4)")).contains("function f accepts 3 positional arguments (4 given)");
        assertThat(error(f + "f(1, a=1, b=2)")).contains("function f got multiple values for parameter \"a\"");
        assertThat(error(f + "f(a=1, **dict(a=2))")).contains("got multiple values for keyword argument \"a\"");
        assertThat(error(f + "f(1, **{1: 2})")).contains("keywords must be strings, not int");
        assertThat(error(f + "f(*1)")).contains("argument after * must be iterable, not int");
        assertThat(error("x = 1()")).contains("invalid call of non-function (int)");
    }

    @Test
    void callArgumentOrderIsCheckedStatically() {
        assertThat(error("f(a=1, 2)")).contains("positional argument may not follow keyword argument");
        assertThat(error("f(*a, b=1)")).contains("keyword argument b may not follow *args");
        assertThat(error("f(**a, *b)")).contains("*args may not follow **kwargs");
        assertThat(error("f(x=1, x=2)")).contains("duplicate keyword argument: x");
    }

    @Test
    void dotExpressionsYieldBoundMethods() {
        assertThat(repr("'banana'.count")).isEqualTo("<built-in method count of string value>");
        assertThat(output("f = 'banana'.count\nprint(f('a'), f('n'))")).containsExactly("3 2");
        assertThat(error("x = 'banana'.reverse()")).contains("string has no field or method \"reverse\"");
    }

    @Test
    void lambdasCaptureTheirEnvironment() {
        assertThat(output("""
                def make_adder(n):
                    return lambda x: x + n
                add3 = make_adder(3)
                print(add3(4), (lambda *a, **k: (a, k))(1, z=2), type(add3), add3)
                """)).containsExactly("7 ((1,), {\"z\": 2}) function <function lambda>");
    }

    @Test
    void nestedFunctionsSeeLaterAssignmentsOfEnclosingLocals() {
        assertThat(output("""
                def f(x):
                    res = []
                    def get_x():
                        res.append(x)
                    get_x()
                    x = 2
                    get_x()
                    return res
                print(f(1))
                """)).containsExactly("[1, 2]");
    }

    @Test
    void slicesAcceptNoneAndNegativeSteps() {
        assertThat(repr("[1, 2, 3, 4][None:None:-1], 'abcdef'[-2:], (0, 1, 2)[:-1]"))
                .isEqualTo("([4, 3, 2, 1], \"ef\", (0, 1))");
        assertThat(error("x = [1][::'a']")).contains("want int");
    }
}
