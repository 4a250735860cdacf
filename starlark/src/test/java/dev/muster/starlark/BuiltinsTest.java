package dev.muster.starlark;

import static dev.muster.starlark.Scripts.error;
import static dev.muster.starlark.Scripts.eval;
import static dev.muster.starlark.Scripts.output;
import static dev.muster.starlark.Scripts.repr;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spec section "Built-in constants and functions", one test per built-in. */
class BuiltinsTest {

    @Test
    void absOfIntsAndFloats() {
        assertThat(repr("abs(-3), abs(3), abs(-2.5), abs(-(1 << 70))"))
                .isEqualTo("(3, 3, 2.5, 1180591620717411303424)");
        assertThat(error("x = abs('a')")).contains("abs: got string, want int or float");
    }

    @Test
    void allAndAny() {
        assertThat(repr("all([]), all([1, 'a']), all([1, 0]), any([]), any([0, '']), any([0, 'x'])"))
                .isEqualTo("(True, True, False, False, False, True)");
        assertThat(error("x = all(1)")).contains("int value is not iterable");
    }

    @Test
    void boolConvertsByTruth() {
        assertThat(repr("bool(), bool(None), bool(''), bool('a'), bool({}), bool(len)"))
                .isEqualTo("(False, False, False, True, False, True)");
    }

    @Test
    void dictBuildsFromPairsAndKeywords() {
        assertThat(
                        repr(
                                "dict(), dict([(1, 2), (3, 4)]), dict([(1, 2), ['a', 'b']]), dict(one=1, two=2), dict([(1, 2)], x=3)"))
                .isEqualTo("({}, {1: 2, 3: 4}, {1: 2, \"a\": \"b\"}, {\"one\": 1, \"two\": 2}, {1: 2, \"x\": 3})");
        assertThat(output("x = {'a': 1}\ny = dict(x)\ny['b'] = 2\nprint(x, y)"))
                .containsExactly("{\"a\": 1} {\"a\": 1, \"b\": 2}");
    }

    @Test
    void dirListsSortedAttributeNames() {
        assertThat(repr("dir([])"))
                .isEqualTo("[\"append\", \"clear\", \"extend\", \"index\", \"insert\", \"pop\", \"remove\"]");
        assertThat(eval("'split' in dir('') and 'values' in dir({}) and dir(1) == []"))
                .isEqualTo(true);
    }

    @Test
    void enumeratePairsIndicesWithElements() {
        assertThat(repr("enumerate(['zero', 'one']), enumerate(['one', 'two'], 1)"))
                .isEqualTo("([(0, \"zero\"), (1, \"one\")], [(1, \"one\"), (2, \"two\")])");
    }

    @Test
    void failStopsTheProgramWithItsArguments() {
        assertThat(error("fail('oops')")).isEqualTo("test.star:1:5: fail: oops");
        assertThat(error("fail('oops', 1, False)")).contains("fail: oops 1 False");
        assertThat(error("fail('a', 'b', sep='-')")).contains("fail: a-b");
    }

    @Test
    void floatConvertsNumbersAndStrings() {
        assertThat(
                        repr(
                                "float(), float(1), float(True), float('1.5'), float('-Inf'), float('nan'), float('1e3'), float(2.5)"))
                .isEqualTo("(0.0, 1.0, 1.0, 1.5, -inf, nan, 1000.0, 2.5)");
        assertThat(error("x = float('abc')")).contains("invalid float literal");
        assertThat(error("x = float('1e999')")).contains("too large");
        assertThat(error("x = float([])")).contains("float: got list");
    }

    @Test
    void getattrAndHasattr() {
        assertThat(repr("getattr('banana', 'split')('a'), getattr('banana', 'myattr', 'mydefault')"))
                .isEqualTo("([\"b\", \"n\", \"n\", \"\"], \"mydefault\")");
        assertThat(repr("hasattr('', 'split'), hasattr('', 'nope'), hasattr([], 'append')"))
                .isEqualTo("(True, False, True)");
        assertThat(error("x = getattr('', 'x')")).contains("string has no field or method \"x\"");
    }

    @Test
    void hashAcceptsOnlyStringsAndBytes() {
        assertThat(eval("hash('a') == 97")).isEqualTo(true);
        assertThat(error("x = hash(1)")).contains("hash: got int, want string or bytes");
    }

    @Test
    void intParsesStringsInAnyBase() {
        assertThat(
                        repr(
                                "int('21'), int('1234', 16), int('0x1234', 16), int('0x1234', 0), int('0b0', 16), int('0b111', 0)"))
                .isEqualTo("(21, 4660, 4660, 4660, 176, 7)");
        assertThat(repr("int('-0o17', 0), int('+z', 36), int(3.9), int(-3.9), int(True), int(), int(1e20)"))
                .isEqualTo("(-15, 35, 3, -3, 1, 0, 100000000000000000000)");
        assertThat(error("x = int('0x1234')")).contains("invalid literal with base 10");
        assertThat(error("x = int('012', 0)")).contains("invalid literal with base 0");
        assertThat(error("x = int(float('nan'))")).contains("cannot convert nan to int");
        assertThat(error("x = int(1, 10)")).contains("can't convert non-string with explicit base");
        assertThat(error("x = int('1', 99)")).contains("base must be 0 or between 2 and 36");
    }

    @Test
    void lenOfStringsAndCollections() {
        assertThat(repr("len('abc'), len([1]), len((1, 2)), len({1: 2}), len(range(5)), len(set([1])), len(b'ab')"))
                .isEqualTo("(3, 1, 2, 1, 5, 1, 2)");
        assertThat(error("x = len(1)")).contains("len: value of type int has no len");
    }

    @Test
    void listAndTupleCopyIterables() {
        assertThat(repr("list(), list((1, 2)), list({'a': 1}), tuple(), tuple([1]), tuple(range(2))"))
                .isEqualTo("([], [1, 2], [\"a\"], (), (1,), (0, 1))");
    }

    @Test
    void maxAndMinWithKey() {
        assertThat(repr("max([3, 1, 4, 1, 5, 9]), max('two', 'three', 'four'), max('two', 'three', 'four', key=len)"))
                .isEqualTo("(9, \"two\", \"three\")");
        assertThat(repr("min([3, 1, 4, 1, 5, 9]), min('two', 'three', 'four'), min('two', 'three', 'four', key=len)"))
                .isEqualTo("(1, \"four\", \"two\")");
        assertThat(error("x = max([])")).contains("max: empty sequence");
        assertThat(error("x = min()")).contains("min: expected at least one argument");
        assertThat(error("x = max([1, 'a'])")).contains("unsupported comparison");
    }

    @Test
    void printWritesStrFormsSeparatedBySep() {
        assertThat(output("print(1, 'hi', [1, 'x'])\nprint('a', 'b', sep=', ')\nprint()"))
                .containsExactly("1 hi [1, \"x\"]", "a, b", "");
        assertThat(error("print(x=1)")).contains("print: unexpected keyword argument \"x\"");
    }

    @Test
    void reprAndStr() {
        assertThat(
                        repr(
                                "repr(1), repr('x'), repr([1, 'x']), str(1), str('x'), str([1, 'x']), str(0.0), str(b'abc'), str(None)"))
                .isEqualTo(
                        "(\"1\", \"\\\"x\\\"\", \"[1, \\\"x\\\"]\", \"1\", \"x\", \"[1, \\\"x\\\"]\", \"0.0\", \"abc\", \"None\")");
        assertThat(repr("str(len), str(lambda: 1)")).isEqualTo("(\"<built-in function len>\", \"<function lambda>\")");
    }

    @Test
    void reversedReturnsANewList() {
        assertThat(repr("reversed(range(5)), reversed({'one': 1, 'two': 2}.keys()), reversed('ab'.elems())"))
                .isEqualTo("([4, 3, 2, 1, 0], [\"two\", \"one\"], [\"b\", \"a\"])");
    }

    @Test
    void sortedIsStableWithKeyAndReverse() {
        assertThat(repr("sorted([3, 1, 4, 1, 5, 9]), sorted([3, 1, 4, 1, 5, 9], reverse=True)"))
                .isEqualTo("([1, 1, 3, 4, 5, 9], [9, 5, 4, 3, 1, 1])");
        assertThat(
                        repr(
                                "sorted(['two', 'three', 'four'], key=len), sorted(['two', 'three', 'four'], key=len, reverse=True)"))
                .isEqualTo("([\"two\", \"four\", \"three\"], [\"three\", \"four\", \"two\"])");
        assertThat(repr("sorted([(1, 'b'), (0, 'z'), (1, 'a')], key=lambda p: p[0])"))
                .isEqualTo("[(0, \"z\"), (1, \"b\"), (1, \"a\")]");
        assertThat(error("x = sorted([1, None])")).contains("unsupported comparison");
        assertThat(error("x = sorted([1], key=1)")).contains("key must be callable");
        assertThat(error("x = sorted([1], False)")).contains("sorted: got 2 positional arguments, want at most 1");
    }

    @Test
    void typeNamesEveryKindOfValue() {
        assertThat(
                        repr(
                                "type(None), type(True), type(0), type(0.0), type(''), type(b''), type([]), type(()), type({}), "
                                        + "type(set()), type(len), type(lambda: 0), type(range(1)), type(''.elems()), type(''.split)"))
                .isEqualTo(
                        "(\"NoneType\", \"bool\", \"int\", \"float\", \"string\", \"bytes\", \"list\", \"tuple\", \"dict\", "
                                + "\"set\", \"builtin_function_or_method\", \"function\", \"range\", \"string.elems\", \"builtin_function_or_method\")");
    }

    @Test
    void zipStopsAtTheShortestIterable() {
        assertThat(repr("zip(), zip(range(3)), zip(range(10), ['a', 'b', 'c'])"))
                .isEqualTo("([], [(0,), (1,), (2,)], [(0, \"a\"), (1, \"b\"), (2, \"c\")])");
        assertThat(error("x = zip([1], 1)")).contains("int value is not iterable");
    }

    @Test
    void noneTrueAndFalseAreConstants() {
        assertThat(repr("None, True, False")).isEqualTo("(None, True, False)");
    }
}
