package dev.muster.starlark.lib;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.eval.StarlarkThread;
import dev.muster.starlark.value.Dict;
import dev.muster.starlark.value.Tuple;
import dev.muster.starlark.value.Values;

/** The {@code str.format} method: replaces {@code {}}, {@code {0}} and {@code {name}} fields. */
final class StringFormat {

    private StringFormat() {}

    static String format(StarlarkThread thread, String template, Tuple args, Dict kwargs) {
        StringBuilder out = new StringBuilder();
        int automatic = 0;
        boolean manual = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '}') {
                if (i + 1 < template.length() && template.charAt(i + 1) == '}') {
                    out.append('}');
                    i++;
                    continue;
                }
                throw new EvalException("format: single '}' in format string");
            }
            if (c != '{') {
                out.append(c);
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
                out.append('{');
                i++;
                continue;
            }
            int close = template.indexOf('}', i);
            if (close < 0) {
                throw new EvalException("format: unmatched '{' in format string");
            }
            String field = template.substring(i + 1, close);
            i = close;
            boolean repr = false;
            int bang = field.indexOf('!');
            if (bang >= 0) {
                String conversion = field.substring(bang + 1);
                if (!conversion.equals("r") && !conversion.equals("s")) {
                    throw new EvalException("format: unknown conversion \"!" + conversion + "\"");
                }
                repr = conversion.equals("r");
                field = field.substring(0, bang);
            }
            if (field.contains(":")) {
                throw new EvalException("format: format specifiers such as \"" + field + "\" are not supported");
            }
            Object value;
            if (field.isEmpty()) {
                if (manual) {
                    throw new EvalException("format: cannot switch from manual field numbering to automatic");
                }
                value = positional(args, automatic++);
            } else if (field.chars().allMatch(Character::isDigit)) {
                if (automatic > 0) {
                    throw new EvalException("format: cannot switch from automatic field numbering to manual");
                }
                manual = true;
                value = positional(args, Integer.parseInt(field));
            } else if (field.contains(".") || field.contains("[") || field.contains("{")) {
                throw new EvalException(
                        "format: field \"" + field + "\": attributes, indexing and nested fields are not supported");
            } else {
                value = kwargs.get(field);
                if (value == null) {
                    throw new EvalException("format: keyword " + field + " not found");
                }
            }
            out.append(repr ? Values.repr(value, thread) : Values.str(value, thread));
            thread.checkStringLength(out.length());
        }
        return out.toString();
    }

    private static Object positional(Tuple args, int index) {
        if (index >= args.size()) {
            throw new EvalException("format: tuple index out of range: " + index + " (" + args.size() + " arguments)");
        }
        return args.get(index);
    }
}
