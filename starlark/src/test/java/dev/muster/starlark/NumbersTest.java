package dev.muster.starlark;

import static dev.muster.starlark.Scripts.error;
import static dev.muster.starlark.Scripts.eval;
import static dev.muster.starlark.Scripts.repr;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec sections "Integers", "Floating-point numbers" and "Booleans", and arithmetic operators. */
class NumbersTest {

    @Test
    void integerArithmeticIsExactAndUnbounded() {
        assertThat(eval("111111111 * 111111111")).isEqualTo(12345678987654321L);
        assertThat(eval("9223372036854775807 + 1")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(eval("-9223372036854775808 - 1")).isEqualTo(new BigInteger("-9223372036854775809"));
        assertThat(eval("4294967296 * 4294967296")).isEqualTo(BigInteger.ONE.shiftLeft(64));
        assertThat(eval("(1 << 64) - (1 << 64) + 5")).isEqualTo(5L);
        assertThat(eval("-(-9223372036854775808)")).isEqualTo(new BigInteger("9223372036854775808"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "7 // 2 | 3",
                "-7 // 2 | -4",
                "7 // -2 | -4",
                "-7 // -2 | 3",
                "7 % 3 | 1",
                "-7 % 3 | 2",
                "7 % -3 | -2",
                "-7 % -3 | -1",
                "100 // 5 * 9 + 32 | 212"
            })
    void flooredDivisionAndRemainderFollowTheDivisorsSign(String expression, long value) {
        assertThat(eval(expression)).isEqualTo(value);
    }

    @Test
    void flooredDivisionOfHugeIntsIsExact() {
        assertThat(eval("(-(1 << 100) - 1) // (1 << 50)")).isEqualTo(-(1L << 50) - 1);
        assertThat(eval("(-(1 << 100) - 1) % (1 << 50)")).isEqualTo((1L << 50) - 1);
        assertThat(eval("(1 << 100) // 3"))
                .isEqualTo(BigInteger.ONE.shiftLeft(100).divide(BigInteger.valueOf(3)));
    }

    @Test
    void divisionByZeroIsAnError() {
        assertThat(error("x = 1 // 0")).contains("floored division by zero");
        assertThat(error("x = 1 % 0")).contains("integer modulo by zero");
        assertThat(error("x = 1 / 0")).contains("division by zero");
        assertThat(error("x = 1.0 // 0.0")).contains("division by zero");
        assertThat(error("x = 1.0 % 0")).contains("modulo by zero");
    }

    @Test
    void slashAlwaysYieldsAFloat() {
        assertThat(repr("3 / 2")).isEqualTo("1.5");
        assertThat(repr("4 / 2")).isEqualTo("2.0");
        assertThat(repr("3.0 // 2.0")).isEqualTo("1.0");
        assertThat(repr("-7.0 % 2")).isEqualTo("1.0");
    }

    @Test
    void bitwiseOperatorsTreatIntsAsTwosComplement() {
        assertThat(eval("0x12345678 & 0xFF")).isEqualTo(0x78L);
        assertThat(eval("0x12345678 | 0xFF")).isEqualTo(0x123456FFL);
        assertThat(eval("0b01011101 ^ 0b110101101")).isEqualTo(0b111110000L);
        assertThat(eval("0b01011101 >> 2")).isEqualTo(0b010111L);
        assertThat(eval("0b01011101 << 2")).isEqualTo(0b0101110100L);
        assertThat(eval("-1 >> 100")).isEqualTo(-1L);
        assertThat(eval("~1")).isEqualTo(-2L);
        assertThat(eval("~-1")).isEqualTo(0L);
        assertThat(eval("1 << 70 >> 69")).isEqualTo(2L);
    }

    @Test
    void negativeShiftCountIsAnError() {
        assertThat(error("x = 1 << -1")).contains("negative shift count");
    }

    @Test
    void intsTooLargeForMemoryAreRefused() {
        assertThat(error("x = 1 << 100000")).contains("shift count too large");
    }

    @Test
    void mixedArithmeticConvertsTheIntToFloat() {
        assertThat(repr("3.141 + 1")).isEqualTo("4.141");
        assertThat(repr("2 * 1.5")).isEqualTo("3.0");
        assertThat(error("x = float(1 << 1100)")).contains("int too large to convert to float");
    }

    @Test
    void floatStrUsesTheShortestCompactForm() {
        assertThat(repr("0.0")).isEqualTo("0.0");
        assertThat(repr("-0.0")).isEqualTo("-0.0");
        assertThat(repr("1.23e45 * 1.23e45")).isEqualTo("1.5129e+90");
        assertThat(repr("1.0 / 3")).isEqualTo("0.3333333333333333");
        assertThat(repr("100000.0")).isEqualTo("100000.0");
        assertThat(repr("1000000.0")).isEqualTo("1e+06");
        assertThat(repr("0.0001")).isEqualTo("0.0001");
        assertThat(repr("0.00001")).isEqualTo("1e-05");
        assertThat(repr("float('inf')")).isEqualTo("+inf");
        assertThat(repr("-float('inf')")).isEqualTo("-inf");
        assertThat(repr("float('nan')")).isEqualTo("nan");
    }

    @Test
    void intAndFloatCompareExactly() {
        assertThat(eval("1.0 == 1")).isEqualTo(true);
        assertThat(eval("(1 << 53) + 1 == float((1 << 53) + 1)")).isEqualTo(false);
        assertThat(eval("(1 << 53) + 1 > float((1 << 53) + 1)")).isEqualTo(true);
        assertThat(repr("((1 << 53) + 1 + 0.0) - ((1 << 53) + 1)")).isEqualTo("0.0");
        assertThat(eval("2 < 2.5 and 3 > 2.5")).isEqualTo(true);
    }

    @Test
    void nanEqualsItselfAndIsGreaterThanInfinity() {
        assertThat(eval("float('nan') == float('nan')")).isEqualTo(true);
        assertThat(eval("float('nan') > float('inf')")).isEqualTo(true);
        assertThat(eval("sorted([float('nan'), 1.0, float('-inf'), 0])")).hasToString("[-Infinity, 0, 1.0, NaN]");
        assertThat(eval("0.0 == -0.0")).isEqualTo(true);
    }

    @Test
    void booleansAreNotNumbers() {
        assertThat(error("x = True + 1")).contains("unsupported binary operation: bool + int");
        assertThat(eval("True == 1")).isEqualTo(false);
        assertThat(eval("False < True")).isEqualTo(true);
        assertThat(eval("int(True) + int(False)")).isEqualTo(1L);
    }

    @Test
    void unaryOperatorsApplyToNumbers() {
        assertThat(eval("+3")).isEqualTo(3L);
        assertThat(eval("-(3)")).isEqualTo(-3L);
        assertThat(repr("-2.5")).isEqualTo("-2.5");
        assertThat(error("x = -'a'")).contains("unsupported unary operation: -string");
        assertThat(error("x = ~1.0")).contains("unsupported unary operation: ~float");
    }

    @Test
    void truthOfNumbers() {
        assertThat(eval("[bool(0), bool(1), bool(0.0), bool(-0.0), bool(float('nan')), bool(1 << 70)]"))
                .hasToString("[false, true, false, false, true, true]");
    }
}
