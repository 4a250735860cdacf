package dev.muster.starlark.syntax;

import dev.muster.starlark.Location;
import java.util.List;

/** Statements of the syntax tree. */
public sealed interface Stmt {

    Location location();

    record Assign(Location location, Expr target, Expr value) implements Stmt {}

    /** {@code op} is the binary operator applied, e.g. PLUS for {@code +=}. */
    record AugmentedAssign(Location location, Expr target, TokenKind op, Expr value) implements Stmt {}

    record ExprStmt(Location location, Expr expression) implements Stmt {}

    record Def(Location location, String name, List<Expr.Parameter> parameters, List<Stmt> body) implements Stmt {}

    /** An {@code elif} chain is an If nested in {@code otherwise}. */
    record If(Location location, Expr condition, List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

    record For(Location location, Expr variables, Expr iterable, List<Stmt> body) implements Stmt {}

    record While(Location location, Expr condition, List<Stmt> body) implements Stmt {}

    /** {@code value} is null for a bare return. */
    record Return(Location location, Expr value) implements Stmt {}

    /** {@code kind} is BREAK, CONTINUE or PASS. */
    record Flow(Location location, TokenKind kind) implements Stmt {}

    record Load(Location location, String module, List<Binding> bindings) implements Stmt {

        /** Binds {@code local} to the loaded module's global {@code exported}. */
        public record Binding(Expr.Identifier local, String exported) {}
    }
}
