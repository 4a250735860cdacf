package dev.muster.starlark.lib;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.eval.Method;
import dev.muster.starlark.eval.StarlarkThread;
import dev.muster.starlark.value.Dict;
import dev.muster.starlark.value.ElemsView;
import dev.muster.starlark.value.NoneType;
import dev.muster.starlark.value.Slices;
import dev.muster.starlark.value.StarlarkList;
import dev.muster.starlark.value.Tuple;
import dev.muster.starlark.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/** The methods of strings. Strings are sequences of UTF-16 code units, as Java strings are. */
final class StringMethods {

    private StringMethods() {}

    static final Map<String, Method> METHODS = MethodTable.of(
            new Method("capitalize", "", (t, self, a) -> capitalize((String) self)),
            new Method("count", "sub, start=None, end=None", (t, self, a) -> count((String) self, a)),
            new Method("elems", "", (t, self, a) -> ElemsView.of((String) self)),
            new Method("endswith", "suffix, start=None, end=None", (t, self, a) -> affix((String) self, a, false)),
            new Method("find", "sub, start=None, end=None", (t, self, a) -> (long) find((String) self, a, false)),
            new Method(
                    "format",
                    "*args, **kwargs",
                    (t, self, a) -> StringFormat.format(t, (String) self, (Tuple) a[0], (Dict) a[1])),
            new Method("index", "sub, start=None, end=None", (t, self, a) -> found(find((String) self, a, false))),
            new Method("isalnum", "", (t, self, a) -> all((String) self, Character::isLetterOrDigit)),
            new Method("isalpha", "", (t, self, a) -> all((String) self, Character::isLetter)),
            new Method("isdigit", "", (t, self, a) -> all((String) self, Character::isDigit)),
            new Method("islower", "", (t, self, a) -> cased((String) self, Character::isUpperCase)),
            new Method("isspace", "", (t, self, a) -> all((String) self, StringMethods::isSpace)),
            new Method("istitle", "", (t, self, a) -> isTitle((String) self)),
            new Method("isupper", "", (t, self, a) -> cased((String) self, Character::isLowerCase)),
            new Method("join", "iterable", (t, self, a) -> join(t, (String) self, a[0])),
            new Method("lower", "", (t, self, a) -> ((String) self).toLowerCase(Locale.ROOT)),
            new Method("lstrip", "chars=None", (t, self, a) -> strip((String) self, a[0], true, false)),
            new Method("partition", "sep", (t, self, a) -> partition((String) self, a[0], false)),
            new Method(
                    "removeprefix",
                    "prefix",
                    (t, self, a) -> removePrefix((String) self, string(a[0], "removeprefix"))),
            new Method(
                    "removesuffix",
                    "suffix",
                    (t, self, a) -> removeSuffix((String) self, string(a[0], "removesuffix"))),
            new Method("replace", "old, new, count=-1", (t, self, a) -> replace(t, (String) self, a)),
            new Method("rfind", "sub, start=None, end=None", (t, self, a) -> (long) find((String) self, a, true)),
            new Method("rindex", "sub, start=None, end=None", (t, self, a) -> found(find((String) self, a, true))),
            new Method("rpartition", "sep", (t, self, a) -> partition((String) self, a[0], true)),
            new Method("rsplit", "sep=None, maxsplit=-1", (t, self, a) -> list(t, split((String) self, a, true))),
            new Method("rstrip", "chars=None", (t, self, a) -> strip((String) self, a[0], false, true)),
            new Method("split", "sep=None, maxsplit=-1", (t, self, a) -> list(t, split((String) self, a, false))),
            new Method(
                    "splitlines",
                    "keepends=False",
                    (t, self, a) -> list(t, splitLines((String) self, bool(a[0], "keepends")))),
            new Method("startswith", "prefix, start=None, end=None", (t, self, a) -> affix((String) self, a, true)),
            new Method("strip", "chars=None", (t, self, a) -> strip((String) self, a[0], true, true)),
            new Method("title", "", (t, self, a) -> title((String) self)),
            new Method("upper", "", (t, self, a) -> ((String) self).toUpperCase(Locale.ROOT)));

    static String string(Object x, String what) {
        if (x instanceof String s) {
            return s;
        }
        throw new EvalException(what + ": got " + Values.type(x) + ", want string");
    }

    private static boolean bool(Object x, String what) {
        if (x instanceof Boolean b) {
            return b;
        }
        throw new EvalException("got " + Values.type(x) + " for " + what + ", want bool");
    }

    private static StarlarkList list(StarlarkThread thread, List<String> parts) {
        return StarlarkList.copyOf(thread.mutability(), parts);
    }

    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        int width = Character.charCount(first);
        return new StringBuilder()
                .appendCodePoint(Character.toUpperCase(first))
                .append(s.substring(width).toLowerCase(Locale.ROOT))
                .toString();
    }

    private static long count(String s, Object[] a) {
        String sub = string(a[0], "count");
        int start = Slices.clampIndex(a[1], s.length(), 0);
        int end = Slices.clampIndex(a[2], s.length(), s.length());
        if (start > end) {
            return 0;
        }
        String region = s.substring(start, end);
        if (sub.isEmpty()) {
            return region.length() + 1;
        }
        long count = 0;
        for (int at = region.indexOf(sub); at >= 0; at = region.indexOf(sub, at + sub.length())) {
            count++;
        }
        return count;
    }

    /** startswith / endswith, with a string or a tuple of strings. */
    private static boolean affix(String s, Object[] a, boolean prefix) {
        String what = prefix ? "startswith" : "endswith";
        int start = Slices.clampIndex(a[1], s.length(), 0);
        int end = Slices.clampIndex(a[2], s.length(), s.length());
        String region = start <= end ? s.substring(start, end) : "";
        List<Object> candidates = a[0] instanceof Tuple tuple ? tuple.asList() : List.of(a[0]);
        for (Object candidate : candidates) {
            String text = string(candidate, what);
            if (prefix ? region.startsWith(text) : region.endsWith(text)) {
                return true;
            }
        }
        return false;
    }

    private static int find(String s, Object[] a, boolean last) {
        String sub = string(a[0], last ? "rfind" : "find");
        int start = Slices.clampIndex(a[1], s.length(), 0);
        int end = Slices.clampIndex(a[2], s.length(), s.length());
        if (end - start < sub.length()) {
            return -1;
        }
        int at = last ? s.lastIndexOf(sub, end - sub.length()) : s.indexOf(sub, start);
        return at < start || at + sub.length() > end ? -1 : at;
    }

    private static long found(int index) {
        if (index < 0) {
            throw new EvalException("substring not found");
        }
        return index;
    }

    private static boolean all(String s, IntPredicate test) {
        return !s.isEmpty() && s.codePoints().allMatch(test);
    }

    private static boolean isCased(int cp) {
        return Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
    }

    /** islower / isupper: at least one cased letter and none of the opposite case. */
    private static boolean cased(String s, IntPredicate opposite) {
        return s.codePoints().anyMatch(StringMethods::isCased) && s.codePoints().noneMatch(opposite);
    }

    private static boolean isTitle(String s) {
        boolean cased = false;
        boolean previousCased = false;
        for (int cp : s.codePoints().toArray()) {
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                if (previousCased) {
                    return false;
                }
                previousCased = true;
                cased = true;
            } else if (Character.isLowerCase(cp)) {
                if (!previousCased) {
                    return false;
                }
                previousCased = true;
                cased = true;
            } else {
                previousCased = false;
            }
        }
        return cased;
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int cp : s.codePoints().toArray()) {
            int converted = previousCased ? Character.toLowerCase(cp) : Character.toTitleCase(cp);
            out.appendCodePoint(converted);
            previousCased = isCased(cp);
        }
        return out.toString();
    }

    private static String join(StarlarkThread thread, String separator, Object iterable) {
        StringBuilder out = new StringBuilder();
        Object[] elements = Values.toArray(iterable, thread);
        for (int i = 0; i < elements.length; i++) {
            if (!(elements[i] instanceof String s)) {
                throw new EvalException("join: in list, want string, got " + Values.type(elements[i]));
            }
            if (i > 0) {
                out.append(separator);
            }
            out.append(s);
            thread.checkStringLength(out.length());
        }
        return out.toString();
    }

    private static String strip(String s, Object chars, boolean left, boolean right) {
        IntPredicate remove;
        if (chars == NoneType.NONE) {
            remove = StringMethods::isSpace;
        } else {
            String cutset = string(chars, "strip");
            remove = cp -> cutset.codePoints().anyMatch(c -> c == cp);
        }
        int start = 0;
        int end = s.length();
        while (left && start < end && remove.test(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (right && end > start && remove.test(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static Tuple partition(String s, Object separator, boolean last) {
        String sep = string(separator, last ? "rpartition" : "partition");
        if (sep.isEmpty()) {
            throw new EvalException((last ? "rpartition" : "partition") + ": empty separator");
        }
        int at = last ? s.lastIndexOf(sep) : s.indexOf(sep);
        if (at < 0) {
            return last ? Tuple.of("", "", s) : Tuple.of(s, "", "");
        }
        return Tuple.of(s.substring(0, at), sep, s.substring(at + sep.length()));
    }

    private static String removePrefix(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    private static String removeSuffix(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }

    private static String replace(StarlarkThread thread, String s, Object[] a) {
        String old = string(a[0], "replace");
        String replacement = string(a[1], "replace");
        long limit = Values.toLongClamped(a[2], "count");
        if (limit < 0) {
            limit = Long.MAX_VALUE;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        long done = 0;
        if (old.isEmpty()) {
            for (int i = 0; i <= s.length(); i++) {
                if (done < limit) {
                    out.append(replacement);
                    done++;
                }
                if (i < s.length()) {
                    out.append(s.charAt(i));
                }
                thread.checkStringLength(out.length());
            }
            return out.toString();
        }
        for (int at = s.indexOf(old); at >= 0 && done < limit; at = s.indexOf(old, from)) {
            out.append(s, from, at).append(replacement);
            thread.checkStringLength(out.length());
            from = at + old.length();
            done++;
        }
        return out.append(s, from, s.length()).toString();
    }

    private static List<String> split(String s, Object[] a, boolean fromRight) {
        long limit = Values.toLongClamped(a[1], "maxsplit");
        if (limit < 0) {
            limit = Long.MAX_VALUE;
        }
        if (a[0] == NoneType.NONE) {
            return fromRight ? splitSpaceFromRight(s, limit) : splitSpace(s, limit);
        }
        String sep = string(a[0], fromRight ? "rsplit" : "split");
        if (sep.isEmpty()) {
            throw new EvalException((fromRight ? "rsplit" : "split") + ": empty separator");
        }
        List<String> parts = new ArrayList<>();
        if (fromRight) {
            int end = s.length();
            while (parts.size() < limit) {
                int at = s.lastIndexOf(sep, end - sep.length());
                if (at < 0) {
                    break;
                }
                parts.addFirst(s.substring(at + sep.length(), end));
                end = at;
            }
            parts.addFirst(s.substring(0, end));
            return parts;
        }
        int from = 0;
        for (int at = s.indexOf(sep); at >= 0 && parts.size() < limit; at = s.indexOf(sep, from)) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static List<String> splitSpace(String s, long limit) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return parts;
            }
            if (parts.size() >= limit) {
                parts.add(s.substring(i));
                return parts;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            parts.add(s.substring(start, i));
        }
    }

    private static List<String> splitSpaceFromRight(String s, long limit) {
        List<String> parts = new ArrayList<>();
        int i = s.length();
        while (true) {
            while (i > 0 && isSpace(s.charAt(i - 1))) {
                i--;
            }
            if (i <= 0) {
                return parts;
            }
            if (parts.size() >= limit) {
                parts.addFirst(s.substring(0, i));
                return parts;
            }
            int end = i;
            while (i > 0 && !isSpace(s.charAt(i - 1))) {
                i--;
            }
            parts.addFirst(s.substring(i, end));
        }
    }

    private static List<String> splitLines(String s, boolean keepEnds) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = i;
                i += c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n' ? 2 : 1;
                lines.add(s.substring(start, keepEnds ? i : end));
                start = i;
            } else {
                i++;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }
}
