package dev.muster.starlark;

import static dev.muster.starlark.Scripts.error;
import static dev.muster.starlark.Scripts.eval;
import static dev.muster.starlark.Scripts.repr;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spec sections "Bytes" and the range built-in. */
class BytesAndRangesTest {

    @Test
    void bytesIndexToIntsAndSliceToBytes() {
        assertThat(repr("b'ABC'[0], b'ABC'[-1], b'ABC'[1:], b'ABC'[::-1]")).isEqualTo("(65, 67, b\"BC\", b\"CBA\")");
        assertThat(repr("b'ab' + b'cd', len(b'abc'), b'ab' < b'b'")).isEqualTo("(b\"abcd\", 3, True)");
        assertThat(repr("b'nasty' in b'dynasty', 97 in b'abc', 300 in b'abc' if False else 98 in b'a'"))
                .isEqualTo("(True, True, False)");
    }

    @Test
    void bytesElemsYieldsInts() {
        assertThat(repr("list(b'ABC'.elems()), type(b'ABC'.elems()), b'ABC'.elems()"))
                .isEqualTo("([65, 66, 67], \"bytes.elems\", b\"ABC\".elems())");
    }

    @Test
    void bytesBuiltinConvertsStringsAndInts() {
        assertThat(repr("bytes('hello 😃')")).isEqualTo("b\"hello 😃\"");
        assertThat(repr("bytes([65, 66, 67])")).isEqualTo("b\"ABC\"");
        assertThat(repr("bytes('😃'[:1])")).isEqualTo("b\"\\xef\\xbf\\xbd\"");
        assertThat(repr("str(b'abc')")).isEqualTo("\"abc\"");
        assertThat(error("x = bytes(65)")).contains("got int, want string, bytes, or iterable of int");
        assertThat(error("x = bytes([256])")).contains("not an int in the range 0-255");
    }

    @Test
    void bytesAreNotIterableButHashable() {
        assertThat(error("x = list(b'abc')")).contains("bytes value is not iterable");
        assertThat(eval("hash(b'') == -2128831035 and hash(b'a') == -468965076"))
                .isEqualTo(true);
        assertThat(repr("{b'k': 1}[b'k']")).isEqualTo("1");
    }

    @Test
    void rangeIsALazyImmutableSequence() {
        assertThat(repr("list(range(10))")).isEqualTo("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
        assertThat(repr("list(range(3, 10, 2))")).isEqualTo("[3, 5, 7, 9]");
        assertThat(repr("list(range(10, 3, -2))")).isEqualTo("[10, 8, 6, 4]");
        assertThat(repr("len(range(1000000000000)), range(1000000000000)[-1]"))
                .isEqualTo("(1000000000000, 999999999999)");
        assertThat(repr("range(10), range(1, 10), range(1, 10, 2)"))
                .isEqualTo("(range(10), range(1, 10), range(1, 10, 2))");
        assertThat(repr("range(10)[2:8:2], list(range(10)[::-3])")).isEqualTo("(range(2, 8, 2), [9, 6, 3, 0])");
        assertThat(repr("5 in range(0, 10, 5), 6 in range(0, 10, 5), 2.0 in range(3), 2.5 in range(3)"))
                .isEqualTo("(True, False, True, False)");
        assertThat(repr("range(0) == range(2, 1), range(1, 4, 5) == range(1, 2), range(3) != range(4)"))
                .isEqualTo("(True, True, True)");
        assertThat(repr("bool(range(0)), bool(range(1))")).isEqualTo("(False, True)");
    }

    @Test
    void rangeFailures() {
        assertThat(error("x = range(1, 2, 0)")).contains("step argument must not be zero");
        assertThat(error("x = range('a')")).contains("range: got string, want int");
        assertThat(error("x = {range(1): 1}")).contains("unhashable type: range");
        assertThat(error("x = 'a' in range(3)")).contains("requires a number");
    }
}
