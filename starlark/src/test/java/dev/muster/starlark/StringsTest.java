package dev.muster.starlark;

import static dev.muster.starlark.Scripts.error;
import static dev.muster.starlark.Scripts.eval;
import static dev.muster.starlark.Scripts.repr;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec sections "Strings" and the string methods. */
class StringsTest {

    @Test
    void stringsAreIndexedAndSlicedByElement() {
        assertThat(eval("'abc'[0] + 'abc'[-1]")).isEqualTo("ac");
        assertThat(eval("'hello'[1:4]")).isEqualTo("ell");
        assertThat(eval("'hello'[-1000:1000]")).isEqualTo("hello");
        assertThat(eval("'banana'[1::2]")).isEqualTo("aaa");
        assertThat(eval("'banana'[4::-2]")).isEqualTo("nnb");
        assertThat(eval("'abc'[::-1]")).isEqualTo("cba");
        assertThat(error("x = 'hello'[5]")).contains("index out of range");
        assertThat(error("x = 'abc'[::0]")).contains("slice step cannot be zero");
    }

    @Test
    void stringsAreNotIterable() {
        assertThat(error("def f():\n  for c in 'abc':\n    pass\nf()")).contains("string value is not iterable");
        assertThat(eval("list('abc'.elems())")).hasToString("[a, b, c]");
        assertThat(repr("'abc'.elems()")).isEqualTo("\"abc\".elems()");
    }

    @Test
    void reprQuotesAndEscapes() {
        assertThat(repr("'a\"b\\\\c\\nd\\te'")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\"");
        assertThat(repr("'\\x01'")).isEqualTo("\"\\x01\"");
        assertThat(repr("'Д😀'")).isEqualTo("\"Д😀\"");
    }

    @Test
    void concatenationRepetitionAndMembership() {
        assertThat(eval("'mur' * 2 + 'x' * -1")).isEqualTo("murmur");
        assertThat(eval("'nasty' in 'dynasty' and 'f' not in 'way'")).isEqualTo(true);
        assertThat(error("x = 1 in 'abc'")).contains("requires string as left operand");
        assertThat(eval("'abc' < 'abd' and 'ab' < 'abc'")).isEqualTo(true);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "'hello, world!'.capitalize() | Hello, world!",
                "'hElLo, WoRlD!'.title() | Hello, World!",
                "'Hello, World!'.lower() | hello, world!",
                "'Hello, World!'.upper() | HELLO, WORLD!",
                "'  hello  '.lstrip() | `hello  `",
                "'  hello\\r '.rstrip() | `  hello`",
                "'\\rhello\\t '.strip() | hello",
                "'  hello   '.strip('h o') | ell",
                "'   hello  '.lstrip('h o') | `ello  `",
                "'banana'.removeprefix('ban') | ana",
                "'banana'.removesuffix('ana') | ban",
                "'bbaa'.removeprefix('b') | baa",
                "'banana'.replace('a', 'o') | bonono",
                "'banana'.replace('a', 'o', 2) | bonona",
                "'abc'.replace('', '-') | -a-b-c-",
                "', '.join(['one', 'two', 'three']) | one, two, three",
                "'a'.join('ctmrn'.elems()) | catamaran",
            })
    void stringMethodsReturningStrings(String expression, String expected) {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "'hello, world!'.count('o') | 2", "'hello, world!'.count('o', 7, 12) | 1", "'abc'.count('') | 4",
                "'bonbon'.find('on') | 1", "'bonbon'.find('on', 2) | 4", "'bonbon'.find('on', 2, 5) | -1",
                "'bonbon'.rfind('on') | 4", "'bonbon'.rfind('on', None, 5) | 1", "'bonbon'.index('on', 2) | 4",
                "'bonbon'.rindex('on', None, 5) | 1", "'bonbon'.find('on', -3) | 4"
            })
    void searchingMethods(String expression, long expected) {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @Test
    void indexFailsWhereFindReturnsMinusOne() {
        assertThat(error("x = 'bonbon'.index('on', 2, 5)")).contains("substring not found");
        assertThat(error("x = 'bonbon'.rindex('x')")).contains("substring not found");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "'base64'.isalnum() | true",
                "'Catch-22'.isalnum() | false",
                "'ABC'.isalpha() | true",
                "''.isalpha() | false",
                "'123'.isdigit() | true",
                "'Catch-22'.isdigit() | false",
                "'hello, world'.islower() | true",
                "'123'.islower() | false",
                "'HAL-9000'.isupper() | true",
                "'Catch-22'.isupper() | false",
                "'    '.isspace() | true",
                "'\\r\\t\\n'.isspace() | true",
                "''.isspace() | false",
                "'Hello, World!'.istitle() | true",
                "'Catch-22'.istitle() | true",
                "'HAL-9000'.istitle() | false",
                "'123'.istitle() | false",
                "'filename.sky'.endswith('.sky') | true",
                "'filename.sky'.endswith('.sky', 9, 12) | false",
                "'filename.sky'.endswith('name', 0, 8) | true",
                "'foo.cc'.endswith(('.cc', '.h')) | true",
                "'filename.star'.startswith('name', 4) | true",
                "'filename.star'.startswith('name', 4, 7) | false",
                "'ABC'.startswith(('a', 'A')) | true",
                "'def'.startswith(('a', 'A')) | false"
            })
    void predicateMethods(String expression, boolean expected) {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "'one two  three'.split() | [\"one\", \"two\", \"three\"]",
                "'one two  three'.split(' ') | [\"one\", \"two\", \"\", \"three\"]",
                "'one two  three'.split(None, 1) | [\"one\", \"two  three\"]",
                "'banana'.split('n') | [\"ba\", \"a\", \"a\"]",
                "'banana'.split('n', 1) | [\"ba\", \"ana\"]",
                "''.split('x') | [\"\"]",
                "'   '.split() | []",
                "'banana'.rsplit('n') | [\"ba\", \"a\", \"a\"]",
                "'banana'.rsplit('n', 1) | [\"bana\", \"a\"]",
                "'one two  three'.rsplit(None, 1) | [\"one two\", \"three\"]",
                "'A\\nB\\rC\\r\\nD'.splitlines() | [\"A\", \"B\", \"C\", \"D\"]",
                "'one\\n\\ntwo'.splitlines(True) | [\"one\\n\", \"\\n\", \"two\"]",
                "'one/two/three'.partition('/') | (\"one\", \"/\", \"two/three\")",
                "'one/two/three'.rpartition('/') | (\"one/two\", \"/\", \"three\")",
                "'abc'.partition('x') | (\"abc\", \"\", \"\")",
                "'abc'.rpartition('x') | (\"\", \"\", \"abc\")"
            })
    void splittingMethods(String expression, String expectedRepr) {
        assertThat(repr(expression)).isEqualTo(expectedRepr);
    }

    @Test
    void splittingByAnEmptySeparatorFails() {
        assertThat(error("x = 'a'.split('')")).contains("empty separator");
        assertThat(error("x = 'a'.partition('')")).contains("empty separator");
    }

    @Test
    void formatReplacesPositionalAndNamedFields() {
        assertThat(eval("'a{x}b{y}c{}'.format(1, x=2, y=3)")).isEqualTo("a2b3c1");
        assertThat(eval("'a{}b{}c'.format(1, 2)")).isEqualTo("a1b2c");
        assertThat(eval("'({1}, {0})'.format('zero', 'one')")).isEqualTo("(one, zero)");
        assertThat(eval("'{{}} {!r} {!s}'.format('x', 'y')")).isEqualTo("{} \"x\" y");
        assertThat(error("x = '{} {0}'.format(1, 2)"))
                .contains("cannot switch from automatic field numbering to manual");
        assertThat(error("x = '{a}'.format(b=1)")).contains("keyword a not found");
        assertThat(error("x = '{'.format()")).contains("unmatched '{'");
    }

    @Test
    void percentFormatting() {
        assertThat(eval("'Hello %s, your score is %d' % ('Bob', 75)")).isEqualTo("Hello Bob, your score is 75");
        assertThat(eval("'%r %s' % ('a', 'a')")).isEqualTo("\"a\" a");
        assertThat(eval("'%d %i %o %x %X' % (-10, 3.9, 8, 255, 255)")).isEqualTo("-10 3 10 ff FF");
        assertThat(eval("'%e|%E|%f|%g|%g' % (1.23e12, 1.23e12, 1.5, 1.2e12, 1200.0)"))
                .isEqualTo("1.230000e+12|1.230000E+12|1.500000|1.2e+12|1200.0");
        assertThat(eval("'%(name)s is %(age)d' % {'name': 'Ann', 'age': 7}")).isEqualTo("Ann is 7");
        assertThat(eval("'100%%' % ()")).isEqualTo("100%");
        assertThat(eval("'coordinates=%s' % ((40, -74),)")).isEqualTo("coordinates=(40, -74)");
        assertThat(error("x = 'coordinates=%s' % (40, -74)")).contains("too many arguments for format string");
        assertThat(error("x = '%s %s' % ('a',)")).contains("not enough arguments for format string");
        assertThat(error("x = '%d' % 'a'")).contains("%d format requires a number");
        assertThat(error("x = '%d' % True")).contains("%d format requires a number, not bool");
        assertThat(error("x = '%q' % 1")).contains("unsupported format character 'q'");
    }

    @Test
    void stringMethodsRejectWrongArgumentTypes() {
        assertThat(error("x = 'a'.join([1])")).contains("want string, got int");
        assertThat(error("x = 'a'.startswith(1)")).contains("got int, want string");
        assertThat(error("x = 'a'.count()")).contains("count: missing argument for sub");
        assertThat(error("x = 'a'.upper(1)")).contains("upper: got 1 positional argument, want at most 0");
    }

    @Test
    void hashOfAStringIsJavasStringHashCode() {
        assertThat(eval("hash('abc')")).isEqualTo((long) "abc".hashCode());
        assertThat(eval("hash('')")).isEqualTo(0L);
    }
}
