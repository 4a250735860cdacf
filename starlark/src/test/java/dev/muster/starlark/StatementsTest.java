package dev.muster.starlark;

import static dev.muster.starlark.Scripts.error;
import static dev.muster.starlark.Scripts.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Spec section "Statements": assignments, def, return, if, for, break/continue, pass, load. */
class StatementsTest {

    @Test
    void assignmentsUnpackNestedTargets() {
        assertThat(output("""
                a, b = 2, 3
                (c, d) = [4, 5]
                [zero, one, two] = range(3)
                [] = ()
                [(e, f), (g, h)] = ("ab", "cd") if False else [("a", "b"), ("c", "d")]
                print(a, b, c, d, zero, one, two, e, f, g, h)
                """)).containsExactly("2 3 4 5 0 1 2 a b c d");
    }

    @Test
    void unpackingTheWrongNumberOfValuesFails() {
        assertThat(error("a, b = 1, 2, 3")).contains("too many values to unpack (got 3, want 2)");
        assertThat(error("a, b, c = 1, 2")).contains("not enough values to unpack (got 2, want 3)");
        assertThat(error("a, b = 'ab'")).contains("got string in sequence assignment");
    }

    @Test
    void indexAssignmentUpdatesListsAndDicts() {
        assertThat(output("""
                a = [0, 1, 2]
                a[2] = 7
                a[-3] = 9
                d = {}
                d["k"] = "v"
                print(a, d)
                """)).containsExactly("[9, 1, 7] {\"k\": \"v\"}");
        assertThat(error("s = 'abc'\ns[0] = 'x'")).contains("string value does not support element assignment");
    }

    @Test
    void fieldAssignmentIsAnErrorForBuiltInValues() {
        assertThat(error("x = [1]\nx.foo = 2")).contains("list has no field or method \"foo\"");
        assertThat(error("x = 'a'\nx.upper = 2")).contains("cannot set field upper of string value");
    }

    @Test
    void augmentedAssignmentsApplyEachOperator() {
        assertThat(output("""
                def f():
                    x = 10
                    x += 5
                    x -= 3
                    x *= 2
                    x //= 5
                    x %= 3
                    y = 6
                    y &= 3
                    y |= 8
                    y ^= 1
                    y <<= 2
                    y >>= 1
                    z = 7
                    z /= 2
                    a = [1, 2]
                    a[0] += 10
                    d = {"k": 1}
                    d["k"] *= 4
                    print(x, y, z, a, d)
                f()
                """)).containsExactly("1 22 3.5 [11, 2] {\"k\": 4}");
    }

    @Test
    void augmentedAssignmentEvaluatesTheTargetOnce() {
        assertThat(output("""
                calls = []
                def index():
                    calls.append(1)
                    return 0
                def f():
                    a = [5]
                    a[index()] *= 2
                    return a
                print(f(), len(calls))
                """)).containsExactly("[10] 1");
    }

    @Test
    void defWithDefaultsVarargsAndKeywordOnlyParameters() {
        assertThat(output("""
                def g(a, *args, b=2, c):
                    return a, b, c, args
                def h(a, *, b=2, c):
                    return a, b, c
                print(g(1, 4, c=3), g(1, c=3, *[4, 5]), h(1, c=3))
                """)).containsExactly("(1, 2, 3, (4,)) (1, 2, 3, (4, 5)) (1, 2, 3)");
        assertThat(error("def g(a, *args, b=2, c):\n  pass\ng(1, 3)")).contains("function g missing 1 argument (c)");
        assertThat(error("def h(a, *, b=2, c):\n  pass\nh(1, 3)"))
                .contains("function h accepts 1 positional argument (2 given)");
    }

    @Test
    void parameterListsAreCheckedStatically() {
        assertThat(error("def f(a, a): pass")).contains("duplicate parameter: a");
        assertThat(error("def f(a=1, b): pass")).contains("required parameter b may not follow an optional parameter");
        assertThat(error("def f(*): pass")).contains("bare * must be followed by keyword-only parameters");
        assertThat(error("def f(**k, a): pass")).contains("parameter may not follow **k");
    }

    @Test
    void defaultValuesAreEvaluatedOnceWhenDefIsExecuted() {
        assertThat(output("""
                def f(x, list=[]):
                    list.append(x)
                    return list
                print(f(4, [1, 2, 3]))
                print(f(1))
                print(f(2))
                """)).containsExactly("[1, 2, 3, 4]", "[1]", "[1, 2]");
    }

    @Test
    void returnWithNoneOneOrManyValues() {
        assertThat(output("""
                def none():
                    return
                def fallthrough():
                    pass
                def one():
                    return 1
                def many():
                    return 1, 2
                print(none(), fallthrough(), one(), many())
                """)).containsExactly("None None 1 (1, 2)");
    }

    @Test
    void ifElifElseChoosesOneBranch() {
        assertThat(output("""
                def sign(x):
                    if x > 0:
                        return 1
                    elif x < 0:
                        return -1
                    else:
                        return 0
                print(sign(5), sign(-5), sign(0))
                """)).containsExactly("1 -1 0");
    }

    @Test
    void forLoopsSupportBreakContinueAndTupleTargets() {
        assertThat(output("""
                def f():
                    for x in range(10):
                        if x % 2 == 1:
                            continue
                        if x > 7:
                            break
                        print(x)
                    for a, i in [["a", 1], ["b", 2]]:
                        print(a, i)
                    for x in 1, 2:
                        print(x)
                f()
                """)).containsExactly("0", "2", "4", "6", "a 1", "b 2", "1", "2");
    }

    @Test
    void forLoopTargetMayBeAnIndexExpression() {
        assertThat(output("""
                def list_to_dict(items):
                    m = {}
                    for k, m[k] in items:
                        pass
                    return m
                print(list_to_dict([("a", 1), ("b", 2)]))
                """)).containsExactly("{\"a\": 1, \"b\": 2}");
    }

    @Test
    void forLoopOverANonIterableFails() {
        assertThat(error("def f():\n  for x in 3:\n    pass\nf()"))
                .contains("test.star:2:12")
                .contains("int value is not iterable");
    }

    @Test
    void topLevelIfAndForAreAllowedByDefaultAndRejectedOnRequest() {
        assertThat(output("for i in range(2):\n  print(i)\nif True:\n  print('t')"))
                .containsExactly("0", "1", "t");
        StarlarkOptions strict =
                StarlarkOptions.builder().allowTopLevelControl(false).build();
        assertThat(error("for i in range(2):\n  pass", strict)).contains("for statement not within a function");
        assertThat(error("if True:\n  pass", strict)).contains("if statement not within a function");
    }

    @Test
    void whileLoopsRequireTheOption() {
        assertThat(error("def f():\n  while True:\n    pass")).contains("while loops are not allowed");
        StarlarkOptions withWhile = StarlarkOptions.builder().allowWhile(true).build();
        Module module = Scripts.run("""
                def count(n):
                    i = 0
                    while i < n:
                        i += 1
                        if i == 3:
                            break
                    return i
                result = count(10)
                """, withWhile);
        assertThat(module.get("result")).isEqualTo(3L);
    }

    @Test
    void loadStatementsRequireTheOption() {
        assertThat(error("load('lib.star', 'x')"))
                .contains("test.star:1:1")
                .contains("load statements are not allowed");
    }

    @Test
    void loadBindsNamesFromAnotherModule() {
        StarlarkOptions withLoad = StarlarkOptions.builder().allowLoad(true).build();
        Module library = Scripts.run("greeting = 'hi'\ndef twice(x):\n  return x * 2\n_private = 1");
        Environment environment = Environment.builder()
                .loader(name -> {
                    if (!name.equals("lib.star")) {
                        throw new EvalException("no module " + name);
                    }
                    return library;
                })
                .build();
        Module module = Starlark.compile(
                        "main.star",
                        "load('lib.star', 'greeting', double='twice')\nresult = double(greeting)",
                        withLoad)
                .execute(environment);
        assertThat(module.get("result")).isEqualTo("hihi");
        assertThat(error("load('lib.star', '_private')", withLoad)).contains("symbol _private is private");
        assertThat(error("def f():\n  load('lib.star', 'x')", withLoad)).contains("load statement within a function");
        assertThatThrownBy(() -> Starlark.compile("main.star", "load('other.star', 'x')", withLoad)
                        .execute(environment))
                .hasMessageContaining("main.star:1:1: no module other.star");
    }
}
