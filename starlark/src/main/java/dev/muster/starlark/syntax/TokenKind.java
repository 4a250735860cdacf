package dev.muster.starlark.syntax;

import java.util.Map;
import java.util.Set;

/** The kinds of Starlark tokens. */
public enum TokenKind {
    IDENTIFIER("identifier"),
    INT("int literal"),
    FLOAT("float literal"),
    STRING("string literal"),
    BYTES("bytes literal"),
    NEWLINE("newline"),
    INDENT("indent"),
    OUTDENT("outdent"),
    EOF("end of file"),

    AND("and"),
    BREAK("break"),
    CONTINUE("continue"),
    DEF("def"),
    ELIF("elif"),
    ELSE("else"),
    FOR("for"),
    IF("if"),
    IN("in"),
    LAMBDA("lambda"),
    LOAD("load"),
    NOT("not"),
    OR("or"),
    PASS("pass"),
    RETURN("return"),
    WHILE("while"),

    PLUS("+"),
    MINUS("-"),
    STAR("*"),
    SLASH("/"),
    SLASH_SLASH("//"),
    PERCENT("%"),
    STAR_STAR("**"),
    TILDE("~"),
    AMPERSAND("&"),
    PIPE("|"),
    CARET("^"),
    LESS_LESS("<<"),
    GREATER_GREATER(">>"),
    DOT("."),
    COMMA(","),
    EQUALS("="),
    SEMICOLON(";"),
    COLON(":"),
    LPAREN("("),
    RPAREN(")"),
    LBRACKET("["),
    RBRACKET("]"),
    LBRACE("{"),
    RBRACE("}"),
    LESS("<"),
    GREATER(">"),
    GREATER_EQUALS(">="),
    LESS_EQUALS("<="),
    EQUALS_EQUALS("=="),
    NOT_EQUALS("!="),
    PLUS_EQUALS("+="),
    MINUS_EQUALS("-="),
    STAR_EQUALS("*="),
    SLASH_EQUALS("/="),
    SLASH_SLASH_EQUALS("//="),
    PERCENT_EQUALS("%="),
    AMPERSAND_EQUALS("&="),
    PIPE_EQUALS("|="),
    CARET_EQUALS("^="),
    LESS_LESS_EQUALS("<<="),
    GREATER_GREATER_EQUALS(">>="),

    /** The two-word binary operator {@code not in}; produced by the parser, never by the lexer. */
    NOT_IN("not in");

    static final Map<String, TokenKind> KEYWORDS = Map.ofEntries(
            Map.entry("and", AND),
            Map.entry("break", BREAK),
            Map.entry("continue", CONTINUE),
            Map.entry("def", DEF),
            Map.entry("elif", ELIF),
            Map.entry("else", ELSE),
            Map.entry("for", FOR),
            Map.entry("if", IF),
            Map.entry("in", IN),
            Map.entry("lambda", LAMBDA),
            Map.entry("load", LOAD),
            Map.entry("not", NOT),
            Map.entry("or", OR),
            Map.entry("pass", PASS),
            Map.entry("return", RETURN),
            Map.entry("while", WHILE));

    /** Words that are not in the grammar but may not be used as identifiers. */
    static final Set<String> RESERVED = Set.of(
            "as",
            "assert",
            "async",
            "await",
            "class",
            "del",
            "except",
            "finally",
            "from",
            "global",
            "import",
            "is",
            "nonlocal",
            "raise",
            "try",
            "with",
            "yield");

    private final String display;

    TokenKind(String display) {
        this.display = display;
    }

    @Override
    public String toString() {
        return display;
    }

    /** The operator an augmented assignment such as {@code +=} applies, or null. */
    public TokenKind augmentedOperator() {
        return switch (this) {
            case PLUS_EQUALS -> PLUS;
            case MINUS_EQUALS -> MINUS;
            case STAR_EQUALS -> STAR;
            case SLASH_EQUALS -> SLASH;
            case SLASH_SLASH_EQUALS -> SLASH_SLASH;
            case PERCENT_EQUALS -> PERCENT;
            case AMPERSAND_EQUALS -> AMPERSAND;
            case PIPE_EQUALS -> PIPE;
            case CARET_EQUALS -> CARET;
            case LESS_LESS_EQUALS -> LESS_LESS;
            case GREATER_GREATER_EQUALS -> GREATER_GREATER;
            default -> null;
        };
    }
}
