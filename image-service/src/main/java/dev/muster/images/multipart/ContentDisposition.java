package dev.muster.images.multipart;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a {@code Content-Disposition} header ({@code form-data; name="metadata"; filename="a.tar.xz"}):
 * values plain or quoted, with backslash escapes inside quotes (as Go's and curl's multipart writers escape
 * {@code "} and {@code \}). Writes them the same way.
 */
final class ContentDisposition {

    private ContentDisposition() {}

    /** The parameters by lower-case name; the disposition type itself is left out. */
    static Map<String, String> parameters(String header) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            i++; // past ';'
            int equals = header.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String name = header.substring(i, equals).trim().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            i = equals + 1;
            while (i < header.length() && header.charAt(i) == ' ') {
                i++;
            }
            if (i < header.length() && header.charAt(i) == '"') {
                for (i++; i < header.length() && header.charAt(i) != '"'; i++) {
                    char c = header.charAt(i);
                    if (c == '\\' && i + 1 < header.length()) {
                        c = header.charAt(++i);
                    }
                    value.append(c);
                }
                i = header.indexOf(';', i);
            } else {
                int semicolon = header.indexOf(';', i);
                value.append(header, i, semicolon < 0 ? header.length() : semicolon);
                i = semicolon;
            }
            parameters.putIfAbsent(name, value.toString().trim());
        }
        return parameters;
    }

    /** {@code form-data; name="…"; filename="…"} with quotes and backslashes escaped. */
    static String formData(String name, String filename) {
        return "form-data; name=\"" + quoted(name) + "\"; filename=\"" + quoted(filename) + "\"";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\r", "")
                .replace("\n", "");
    }
}
