package dev.muster.starlark;

import static dev.muster.starlark.Scripts.error;
import static dev.muster.starlark.Scripts.eval;
import static dev.muster.starlark.Scripts.output;
import static dev.muster.starlark.Scripts.repr;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec section "Lexical elements": literals, comments, line joining, indentation, keywords. */
class LexicalElementsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0 | 0",
                "123 | 123",
                "0x7f | 127",
                "0X7F | 127",
                "0o755 | 493",
                "0O17 | 15",
                "0b101 | 5",
                "000 | 0"
            })
    void intLiteralsInEveryBase(String literal, long value) {
        assertThat(eval(literal)).isEqualTo(value);
    }

    @Test
    void intLiteralsAreUnbounded() {
        assertThat(eval("123456789012345678901234567890")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(eval("0xffffffffffffffffff")).isEqualTo(new BigInteger("ffffffffffffffffff", 16));
    }

    @Test
    void decimalLiteralWithLeadingZeroIsRejected() {
        assertThat(error("x = 012")).contains("test.star:1:5").contains("leading zeros");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0.0 | 0.0",
                "0. | 0.0",
                ".5 | 0.5",
                "1e10 | 1e+10",
                "1e+10 | 1e+10",
                "1e-10 | 1e-10",
                "1.1e10 | 1.1e+10",
                "123456.5 | 123456.5",
                "1.5E3 | 1500.0"
            })
    void floatLiteralForms(String literal, String repr) {
        assertThat(repr(literal)).isEqualTo(repr);
    }

    @Test
    void floatLiteralTooLargeIsAStaticError() {
        assertThat(error("x = 1e999")).contains("floating-point literal too large");
    }

    @Test
    void stringLiteralsInAllQuoteStyles() {
        assertThat(eval("'abc' + \"def\"")).isEqualTo("abcdef");
        assertThat(eval("'''a\"b''' + \"\"\"c'd\"\"\"")).isEqualTo("a\"bc'd");
        assertThat(eval("'it\\'s ' + \"say \\\"hi\\\"\"")).isEqualTo("it's say \"hi\"");
    }

    @Test
    void traditionalEscapesDenoteControlCodes() {
        assertThat(eval("'\\a\\b\\f\\n\\r\\t\\v\\\\'")).isEqualTo("\u0007\b\f\n\r\t\u000b\\");
    }

    @Test
    void octalHexAndUnicodeEscapes() {
        assertThat(eval("'\\101-\\132'")).isEqualTo("A-Z");
        assertThat(eval("'\\119'")).isEqualTo("\t9");
        assertThat(eval("'\\0'")).isEqualTo("\0");
        assertThat(eval("'\\x41-\\x5A'")).isEqualTo("A-Z");
        assertThat(eval("'\\u0414\\u754c'")).isEqualTo("Д界");
        assertThat(eval("'\\U0001F600'")).isEqualTo("😀");
        assertThat(eval("len('\\U0001F600')")).isEqualTo(2L);
    }

    @Test
    void invalidEscapesAreRejected() {
        assertThat(error("x = '\\q'")).contains("invalid escape sequence \\q");
        assertThat(error("x = '\\xf0'")).contains("non-ASCII hex escape");
        assertThat(error("x = '\\200'")).contains("non-ASCII octal escape");
        assertThat(error("x = '\\ud83d'")).contains("invalid Unicode code point U+D83D");
    }

    @Test
    void escapedNewlineIsIgnoredInStringsButKeptInRawStrings() {
        assertThat(eval("'abc\\\ndef'")).isEqualTo("abcdef");
        assertThat(eval("r'a\\\nb'")).isEqualTo("a\\\nb");
    }

    @Test
    void rawStringsKeepBackslashes() {
        assertThat(eval("r'a\\nb'")).isEqualTo("a\\nb");
        assertThat(eval("r\"a\\\"b\"")).isEqualTo("a\\\"b");
    }

    @Test
    void tripleQuotedStringsSpanLinesAndNormalizeLineEndings() {
        assertThat(eval("'''one\r\ntwo\nthree'''")).isEqualTo("one\ntwo\nthree");
    }

    @Test
    void ordinaryStringMayNotContainANewline() {
        assertThat(error("x = 'abc\ndef'")).contains("unterminated string literal");
    }

    @Test
    void bytesLiteralsAllowEscapesUpTo255() {
        assertThat(repr("b'abc'")).isEqualTo("b\"abc\"");
        assertThat(repr("b'\\xff\\000'")).isEqualTo("b\"\\xff\\x00\"");
        assertThat(eval("len(b'\\u0414')")).isEqualTo(2L);
        assertThat(repr("rb'a\\n' + br'b'")).isEqualTo("b\"a\\\\nb\"");
    }

    @Test
    void commentsAreWhiteSpace() {
        assertThat(output("""
                # a comment
                x = 1  # trailing comment
                print(x)  # another
                # last""")).containsExactly("1");
    }

    @Test
    void newlinesInsideBracketsAndAfterBackslashJoinLines() {
        assertThat(output("""
                x = [1,
                     2,
                  3]
                y = 1 + \\
                    2
                print(x, y)
                """)).containsExactly("[1, 2, 3] 3");
    }

    @Test
    void indentationDelimitsBlocks() {
        assertThat(output("""
                def f(x):
                    if x:
                        return "yes"

                    return "no"
                print(f(1), f(0))
                """)).containsExactly("yes no");
    }

    @Test
    void inconsistentUnindentIsRejected() {
        assertThat(error("def f():\n    x = 1\n  y = 2\n"))
                .contains("test.star:3:3")
                .contains("unindent does not match");
    }

    @Test
    void tabsInIndentationAreRejected() {
        assertThat(error("def f():\n\tpass\n")).contains("indentation may contain spaces only");
    }

    @Test
    void unexpectedIndentIsRejected() {
        assertThat(error("x = 1\n  y = 2\n")).contains("test.star:2:3").contains("unexpected indent");
    }

    @Test
    void reservedWordsMayNotBeIdentifiers() {
        assertThat(error("class = 1")).contains("keyword 'class' is reserved");
        assertThat(error("x = import")).contains("keyword 'import' is reserved");
    }

    @Test
    void identifiersMayUseUnicodeLetters() {
        assertThat(eval("[ñandú for ñandú in [1]][0]")).isEqualTo(1L);
    }

    @Test
    void semicolonsSeparateSimpleStatements() {
        assertThat(output("x = 1; y = 2; print(x + y);")).containsExactly("3");
    }
}
