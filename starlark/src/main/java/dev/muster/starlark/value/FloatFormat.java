package dev.muster.starlark.value;

import java.util.Locale;

/**
 * Formats floats as Starlark does: {@code str(x)} uses the compact %g form with the fewest digits
 * that read back as the same value, and always shows a decimal point or an exponent.
 */
public final class FloatFormat {

    /** The %g rule: a decimal exponent from -4 to 5 prints without exponent notation. */
    private static final int MIN_PLAIN_EXPONENT = -4;

    private static final int MAX_PLAIN_EXPONENT = 5;
    /** Exponents print with at least two digits, as in 1e+06. */
    private static final int MIN_TWO_DIGIT_EXPONENT = 10;

    private FloatFormat() {}

    /** The str and repr form of a float, e.g. 0.0, 1.5, 1e+06, 1.2e-05, +inf, nan. */
    public static String str(double value) {
        String special = nonFinite(value);
        if (special != null) {
            return special;
        }
        String compact = compact(value, 'e');
        boolean showsFloat = compact.indexOf('.') >= 0 || compact.indexOf('e') >= 0;
        return showsFloat ? compact : compact + ".0";
    }

    /** Formats for the % conversions e, E, f, F, g and G. */
    public static String format(double value, char conversion) {
        String special = nonFinite(value);
        if (special != null) {
            return special;
        }
        return switch (conversion) {
            case 'e', 'E' -> String.format(Locale.ROOT, conversion == 'e' ? "%.6e" : "%.6E", value);
            case 'f', 'F' -> String.format(Locale.ROOT, "%.6f", value);
            case 'g' -> str(value);
            case 'G' -> str(value).toUpperCase(Locale.ROOT);
            default -> throw new IllegalArgumentException("conversion " + conversion);
        };
    }

    private static String nonFinite(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+inf" : "-inf";
        }
        return null;
    }

    /** The shortest %g form: exponent notation when the exponent is below -4 or at least 6. */
    private static String compact(double value, char e) {
        StringBuilder out = new StringBuilder();
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            out.append('-');
        }
        double abs = Math.abs(value);
        if (abs == 0) {
            return out.append('0').toString();
        }
        String text = Double.toString(abs);
        int exponentAt = text.indexOf('E');
        int exponent = exponentAt < 0 ? 0 : Integer.parseInt(text.substring(exponentAt + 1));
        String mantissa = exponentAt < 0 ? text : text.substring(0, exponentAt);
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exponent;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
            point--;
        }
        int end = digits.length();
        while (end > lead + 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(lead, end);
        int decimalExponent = point - 1;
        if (decimalExponent < MIN_PLAIN_EXPONENT || decimalExponent > MAX_PLAIN_EXPONENT) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append(e).append(decimalExponent < 0 ? '-' : '+');
            int magnitude = Math.abs(decimalExponent);
            if (magnitude < MIN_TWO_DIGIT_EXPONENT) {
                out.append('0');
            }
            return out.append(magnitude).toString();
        }
        if (point <= 0) {
            return out.append("0.").append("0".repeat(-point)).append(digits).toString();
        }
        if (point >= digits.length()) {
            return out.append(digits)
                    .append("0".repeat(point - digits.length()))
                    .toString();
        }
        return out.append(digits, 0, point)
                .append('.')
                .append(digits, point, digits.length())
                .toString();
    }
}
