package dev.muster.starlark.syntax;

import dev.muster.starlark.Location;
import dev.muster.starlark.StarlarkCompileError;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits Starlark source text into tokens, producing NEWLINE, INDENT and OUTDENT tokens from the
 * layout of lines. Newlines inside brackets and after a backslash do not end a line. Indentation
 * may use spaces only, as the specification requires.
 */
public final class Lexer {

    private static final int TRIPLE_QUOTE_LENGTH = 3;
    /** The largest value of a byte, the limit of an escape in a bytes literal. */
    private static final int MAX_BYTE = 0xFF;
    /** The largest ASCII code, the limit of an octal or \x escape in a string literal. */
    private static final int MAX_ASCII = 0x7F;

    private final String file;
    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    private int lineStart;
    private int bracketDepth;

    private Lexer(String file, String src) {
        this.file = file;
        this.src = src;
        indents.push(0);
    }

    /** Returns the tokens of a file, ending with EOF. */
    public static List<Token> tokenize(String file, String source) {
        Lexer lexer = new Lexer(file, source);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean lineStarts = true;
        while (true) {
            if (lineStarts && bracketDepth == 0) {
                if (!indentation()) {
                    break;
                }
            }
            lineStarts = false;
            skipSpaceAndComment();
            if (pos >= src.length()) {
                break;
            }
            char c = src.charAt(pos);
            if (c == '\\') {
                if (pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                    pos += 2;
                    newLine();
                    continue;
                }
                if (pos + 2 < src.length() && src.charAt(pos + 1) == '\r' && src.charAt(pos + 2) == '\n') {
                    pos += 3;
                    newLine();
                    continue;
                }
                throw error(here(), "stray backslash in program");
            }
            if (c == '\n') {
                if (bracketDepth == 0) {
                    add(TokenKind.NEWLINE, here(), null);
                    lineStarts = true;
                }
                pos++;
                newLine();
                continue;
            }
            token();
        }
        Location end = here();
        if (bracketDepth == 0
                && !tokens.isEmpty()
                && lastKind() != TokenKind.NEWLINE
                && lastKind() != TokenKind.OUTDENT) {
            add(TokenKind.NEWLINE, end, null);
        }
        while (indents.peek() > 0) {
            indents.pop();
            add(TokenKind.OUTDENT, end, null);
        }
        add(TokenKind.EOF, end, null);
    }

    /** Handles the indentation of a new line; returns false at end of input. */
    private boolean indentation() {
        while (true) {
            int start = pos;
            while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\r')) {
                pos++;
            }
            if (pos < src.length() && src.charAt(pos) == '\t') {
                throw error(here(), "indentation may contain spaces only, not tabs");
            }
            int width = pos - start;
            skipSpaceAndComment();
            if (pos >= src.length()) {
                return false;
            }
            if (src.charAt(pos) == '\n') {
                pos++;
                newLine();
                continue;
            }
            Location at = here();
            if (width > indents.peek()) {
                indents.push(width);
                add(TokenKind.INDENT, at, null);
            } else {
                while (width < indents.peek()) {
                    indents.pop();
                    add(TokenKind.OUTDENT, at, null);
                }
                if (width != indents.peek()) {
                    throw error(at, "unindent does not match any outer indentation level");
                }
            }
            return true;
        }
    }

    private void skipSpaceAndComment() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void token() {
        Location at = here();
        char c = src.charAt(pos);
        if (c == '"' || c == '\'') {
            string(at, false, false);
        } else if ((c == 'r' || c == 'b') && stringPrefix()) {
            boolean raw = false;
            boolean bytes = false;
            while (src.charAt(pos) == 'r' || src.charAt(pos) == 'b') {
                raw |= src.charAt(pos) == 'r';
                bytes |= src.charAt(pos) == 'b';
                pos++;
            }
            string(at, raw, bytes);
        } else if (Character.isLetter(c) || c == '_' || Character.isHighSurrogate(c)) {
            identifier(at);
        } else if (isDigit(c) || (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
            number(at);
        } else {
            punctuation(at);
        }
    }

    private boolean stringPrefix() {
        String rest = src.substring(pos, Math.min(src.length(), pos + 3));
        return rest.matches("(r|b|rb|br)['\"].*");
    }

    private void identifier(Location at) {
        int start = pos;
        while (pos < src.length()) {
            int cp = src.codePointAt(pos);
            if (!Character.isLetterOrDigit(cp) && cp != '_') {
                break;
            }
            pos += Character.charCount(cp);
        }
        String word = src.substring(start, pos);
        TokenKind keyword = TokenKind.KEYWORDS.get(word);
        if (keyword != null) {
            add(keyword, at, null);
        } else if (TokenKind.RESERVED.contains(word)) {
            throw error(at, "keyword '" + word + "' is reserved and may not be used as an identifier");
        } else {
            add(TokenKind.IDENTIFIER, at, word);
        }
    }

    private void number(Location at) {
        int start = pos;
        char c = src.charAt(pos);
        if (c == '0' && pos + 1 < src.length() && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
            int radix = switch (Character.toLowerCase(src.charAt(pos + 1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            pos += 2;
            int digits = pos;
            while (pos < src.length() && Character.digit(src.charAt(pos), radix) >= 0) {
                pos++;
            }
            if (pos == digits) {
                throw error(at, "invalid int literal " + src.substring(start, pos));
            }
            add(TokenKind.INT, at, parseInt(src.substring(digits, pos), radix));
            return;
        }
        boolean isFloat = false;
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            while (pos < src.length() && isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            isFloat = true;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            int digits = pos;
            while (pos < src.length() && isDigit(src.charAt(pos))) {
                pos++;
            }
            if (pos == digits) {
                throw error(at, "invalid float literal " + src.substring(start, pos));
            }
        }
        String text = src.substring(start, pos);
        if (isFloat) {
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw error(at, "floating-point literal too large: " + text);
            }
            add(TokenKind.FLOAT, at, value);
        } else {
            if (text.length() > 1 && text.charAt(0) == '0' && !text.chars().allMatch(ch -> ch == '0')) {
                throw error(at, "invalid int literal " + text + " (leading zeros are not allowed; use 0o for octal)");
            }
            add(TokenKind.INT, at, parseInt(text, 10));
        }
    }

    private static Object parseInt(String digits, int radix) {
        BigInteger value = new BigInteger(digits, radix);
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    private void string(Location at, boolean raw, boolean bytes) {
        char quote = src.charAt(pos);
        String tripleQuote = String.valueOf(quote).repeat(TRIPLE_QUOTE_LENGTH);
        boolean triple = src.startsWith(tripleQuote, pos);
        pos += triple ? TRIPLE_QUOTE_LENGTH : 1;
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream data = bytes ? new ByteArrayOutputStream() : null;
        while (true) {
            if (pos >= src.length()) {
                throw error(at, "unterminated string literal");
            }
            char c = src.charAt(pos);
            if (c == quote && (!triple || src.startsWith(tripleQuote, pos))) {
                pos += triple ? TRIPLE_QUOTE_LENGTH : 1;
                break;
            }
            if (c == '\n' || (c == '\r' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n')) {
                if (!triple) {
                    throw error(at, "unterminated string literal (use triple quotes for a multi-line string)");
                }
                pos += c == '\r' ? 2 : 1;
                newLine();
                text.append('\n');
                continue;
            }
            if (c != '\\') {
                text.append(c);
                pos++;
                continue;
            }
            flushText(text, data);
            escape(at, raw, quote, text, data);
        }
        flushText(text, data);
        if (bytes) {
            add(TokenKind.BYTES, at, data.toByteArray());
        } else {
            add(TokenKind.STRING, at, text.toString());
        }
    }

    /** For bytes literals, moves pending text into the byte buffer as UTF-8. */
    private static void flushText(StringBuilder text, ByteArrayOutputStream data) {
        if (data != null && !text.isEmpty()) {
            data.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
            text.setLength(0);
        }
    }

    private void escape(Location at, boolean raw, char quote, StringBuilder text, ByteArrayOutputStream data) {
        Location escapeAt = here();
        pos++;
        if (pos >= src.length()) {
            throw error(at, "unterminated string literal");
        }
        char c = src.charAt(pos);
        if (raw) {
            text.append('\\');
            if (c == '\n') {
                newLineInString(text);
            } else {
                text.append(c);
                pos++;
            }
            return;
        }
        switch (c) {
            case '\n' -> {
                pos++;
                newLine();
            }
            case '\r' -> {
                pos += pos + 1 < src.length() && src.charAt(pos + 1) == '\n' ? 2 : 1;
                newLine();
            }
            case 'a' -> simple(text, '\u0007');
            case 'b' -> simple(text, '\b');
            case 'f' -> simple(text, '\f');
            case 'n' -> simple(text, '\n');
            case 'r' -> simple(text, '\r');
            case 't' -> simple(text, '\t');
            case 'v' -> simple(text, '\u000b');
            case '\\', '\'', '"' -> simple(text, c);
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int start = pos;
                while (pos < src.length() && pos - start < 3 && src.charAt(pos) >= '0' && src.charAt(pos) <= '7') {
                    pos++;
                }
                smallCode(escapeAt, Integer.parseInt(src.substring(start, pos), 8), "octal", text, data);
            }
            case 'x' -> {
                pos++;
                smallCode(escapeAt, hexDigits(escapeAt, 2), "hex", text, data);
            }
            case 'u', 'U' -> {
                pos++;
                int cp = hexDigits(escapeAt, c == 'u' ? 4 : 8);
                if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    throw error(escapeAt, String.format("invalid Unicode code point U+%04X", cp));
                }
                text.appendCodePoint(cp);
            }
            default -> throw error(escapeAt, "invalid escape sequence \\" + c);
        }
    }

    private void newLineInString(StringBuilder text) {
        text.append('\n');
        pos++;
        newLine();
    }

    private void simple(StringBuilder text, char c) {
        text.append(c);
        pos++;
    }

    private void smallCode(Location at, int code, String kind, StringBuilder text, ByteArrayOutputStream data) {
        if (data != null) {
            if (code > MAX_BYTE) {
                throw error(at, kind + " escape out of range: " + code);
            }
            data.write(code);
        } else {
            if (code > MAX_ASCII) {
                throw error(at, "non-ASCII " + kind + " escape (use \\u for Unicode code points)");
            }
            text.append((char) code);
        }
    }

    private int hexDigits(Location at, int count) {
        if (pos + count > src.length()) {
            throw error(at, "truncated escape sequence");
        }
        String digits = src.substring(pos, pos + count);
        if (!digits.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw error(at, "invalid escape sequence: want " + count + " hex digits");
        }
        pos += count;
        return (int) Long.parseLong(digits, 16);
    }

    private void punctuation(Location at) {
        for (int length = 3; length >= 1; length--) {
            if (pos + length > src.length()) {
                continue;
            }
            TokenKind kind = PUNCTUATION.get(src.substring(pos, pos + length));
            if (kind != null) {
                pos += length;
                switch (kind) {
                    case LPAREN, LBRACKET, LBRACE -> bracketDepth++;
                    case RPAREN, RBRACKET, RBRACE -> bracketDepth = Math.max(0, bracketDepth - 1);
                    default -> {}
                }
                add(kind, at, null);
                return;
            }
        }
        throw error(at, "invalid character '" + src.charAt(pos) + "'");
    }

    private static final Map<String, TokenKind> PUNCTUATION = punctuationTable();

    private static Map<String, TokenKind> punctuationTable() {
        Map<String, TokenKind> table = new HashMap<>();
        for (TokenKind kind : TokenKind.values()) {
            if (kind.ordinal() >= TokenKind.PLUS.ordinal() && kind != TokenKind.NOT_IN) {
                table.put(kind.toString(), kind);
            }
        }
        return table;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void newLine() {
        line++;
        lineStart = pos;
    }

    private Location here() {
        return new Location(file, line, pos - lineStart + 1);
    }

    private TokenKind lastKind() {
        return tokens.getLast().kind();
    }

    private void add(TokenKind kind, Location at, Object value) {
        tokens.add(new Token(kind, at, value));
    }

    private static StarlarkCompileError error(Location at, String message) {
        return new StarlarkCompileError(at, message);
    }
}
