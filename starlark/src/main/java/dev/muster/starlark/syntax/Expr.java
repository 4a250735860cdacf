package dev.muster.starlark.syntax;

import dev.muster.starlark.Location;
import java.util.List;

/** Expressions of the syntax tree. Each records the position used in error messages. */
public sealed interface Expr {

    Location location();

    record Identifier(Location location, String name) implements Expr {}

    /** An int, float, string or bytes literal; the value is a Long/BigInteger, Double, String or byte[]. */
    record Literal(Location location, Object value) implements Expr {}

    record ListExpr(Location location, List<Expr> elements) implements Expr {}

    record TupleExpr(Location location, List<Expr> elements) implements Expr {}

    record DictExpr(Location location, List<Entry> entries) implements Expr {}

    record Entry(Expr key, Expr value) {}

    /** A list comprehension ({@code body} is an Expr) or a dict comprehension ({@code entry} is set). */
    record Comprehension(Location location, Expr body, Entry entry, List<Clause> clauses) implements Expr {

        public boolean isDict() {
            return entry != null;
        }
    }

    sealed interface Clause {
        Location location();
    }

    record ForClause(Location location, Expr variables, Expr iterable) implements Clause {}

    record IfClause(Location location, Expr condition) implements Clause {}

    /** {@code op} is PLUS, MINUS, TILDE or NOT. */
    record Unary(Location location, TokenKind op, Expr operand) implements Expr {}

    /** The location is that of the operator. */
    record Binary(Location location, Expr left, TokenKind op, Expr right) implements Expr {}

    record Conditional(Location location, Expr then, Expr condition, Expr otherwise) implements Expr {}

    record Lambda(Location location, List<Parameter> parameters, Expr body) implements Expr {}

    /** The location is that of the opening parenthesis. */
    record Call(Location location, Expr function, List<Argument> arguments) implements Expr {}

    record Dot(Location location, Expr object, String name) implements Expr {}

    record Index(Location location, Expr object, Expr key) implements Expr {}

    /** Any of start, stop and step may be null. */
    record Slice(Location location, Expr object, Expr start, Expr stop, Expr step) implements Expr {}

    /** A parameter of a def or lambda. The name of a bare {@code *} is null. */
    record Parameter(Location location, Kind kind, String name, Expr defaultValue) {

        public enum Kind {
            MANDATORY,
            OPTIONAL,
            STAR,
            STAR_STAR
        }
    }

    /** An argument of a call. The name is set for keyword arguments only. */
    record Argument(Location location, Kind kind, String name, Expr value) {

        public enum Kind {
            POSITIONAL,
            KEYWORD,
            STAR,
            STAR_STAR
        }
    }
}
