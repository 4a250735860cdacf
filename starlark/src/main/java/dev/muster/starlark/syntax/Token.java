package dev.muster.starlark.syntax;

import dev.muster.starlark.Location;

/**
 * A lexical token. {@code value} is the name of an identifier, or the value of a literal:
 * a String, a Long or BigInteger, a Double, or a byte[].
 */
public record Token(TokenKind kind, Location location, Object value) {

    /** How the token is named in error messages. */
    public String describe() {
        return switch (kind) {
            case IDENTIFIER -> "identifier " + value;
            case INT, FLOAT, STRING, BYTES, NEWLINE, INDENT, OUTDENT, EOF -> kind.toString();
            default -> "'" + kind + "'";
        };
    }
}
