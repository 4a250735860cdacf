package dev.muster.starlark.syntax;

import dev.muster.starlark.Location;
import dev.muster.starlark.StarlarkCompileError;
import dev.muster.starlark.syntax.Expr.Argument;
import dev.muster.starlark.syntax.Expr.Parameter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the grammar of the Starlark specification. It checks the
 * shape of programs (argument and parameter order, assignment targets); name resolution and
 * the placement of statements are checked later by the resolver.
 */
public final class Parser {

    private static final Set<TokenKind> COMPARISONS = EnumSet.of(
            TokenKind.EQUALS_EQUALS,
            TokenKind.NOT_EQUALS,
            TokenKind.LESS,
            TokenKind.GREATER,
            TokenKind.LESS_EQUALS,
            TokenKind.GREATER_EQUALS,
            TokenKind.IN);

    /** Binary operators from lowest to highest precedence, above comparisons. */
    private static final List<Set<TokenKind>> BINARY_LEVELS = List.of(
            EnumSet.of(TokenKind.PIPE),
            EnumSet.of(TokenKind.CARET),
            EnumSet.of(TokenKind.AMPERSAND),
            EnumSet.of(TokenKind.LESS_LESS, TokenKind.GREATER_GREATER),
            EnumSet.of(TokenKind.PLUS, TokenKind.MINUS),
            EnumSet.of(TokenKind.STAR, TokenKind.SLASH, TokenKind.SLASH_SLASH, TokenKind.PERCENT));

    private final List<Token> tokens;
    private int index;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a whole file into its top-level statements. */
    public static List<Stmt> parseFile(String file, String source) {
        Parser parser = new Parser(Lexer.tokenize(file, source));
        List<Stmt> statements = new ArrayList<>();
        while (parser.peek() != TokenKind.EOF) {
            if (parser.peek() == TokenKind.NEWLINE) {
                parser.next();
            } else {
                parser.statement(statements);
            }
        }
        return statements;
    }

    // ---- statements

    private void statement(List<Stmt> out) {
        switch (peek()) {
            case DEF -> out.add(def());
            case IF -> out.add(ifStatement());
            case FOR -> out.add(forStatement());
            case WHILE -> {
                Location at = next().location();
                Expr condition = test();
                expect(TokenKind.COLON);
                out.add(new Stmt.While(at, condition, suite()));
            }
            default -> simpleStatement(out);
        }
    }

    private Stmt def() {
        Location at = next().location();
        String name = identifier();
        expect(TokenKind.LPAREN);
        List<Parameter> parameters = parameters(TokenKind.RPAREN);
        expect(TokenKind.RPAREN);
        expect(TokenKind.COLON);
        return new Stmt.Def(at, name, parameters, suite());
    }

    private Stmt ifStatement() {
        Location at = next().location();
        Expr condition = test();
        expect(TokenKind.COLON);
        List<Stmt> then = suite();
        List<Stmt> otherwise = List.of();
        if (peek() == TokenKind.ELIF) {
            otherwise = List.of(ifStatement());
        } else if (peek() == TokenKind.ELSE) {
            next();
            expect(TokenKind.COLON);
            otherwise = suite();
        }
        return new Stmt.If(at, condition, then, otherwise);
    }

    private Stmt forStatement() {
        Location at = next().location();
        Expr variables = loopVariables();
        expect(TokenKind.IN);
        Expr iterable = expressions(false);
        expect(TokenKind.COLON);
        return new Stmt.For(at, variables, iterable, suite());
    }

    private List<Stmt> suite() {
        List<Stmt> body = new ArrayList<>();
        if (peek() != TokenKind.NEWLINE) {
            simpleStatement(body);
            return body;
        }
        next();
        expect(TokenKind.INDENT);
        while (peek() != TokenKind.OUTDENT && peek() != TokenKind.EOF) {
            statement(body);
        }
        expect(TokenKind.OUTDENT);
        return body;
    }

    private void simpleStatement(List<Stmt> out) {
        while (true) {
            out.add(smallStatement());
            if (peek() != TokenKind.SEMICOLON) {
                break;
            }
            next();
            if (peek() == TokenKind.NEWLINE || peek() == TokenKind.EOF) {
                break;
            }
        }
        if (peek() != TokenKind.EOF) {
            expect(TokenKind.NEWLINE);
        }
    }

    private Stmt smallStatement() {
        Token token = tokens.get(index);
        switch (token.kind()) {
            case RETURN -> {
                next();
                TokenKind after = peek();
                boolean bare = after == TokenKind.NEWLINE || after == TokenKind.SEMICOLON || after == TokenKind.EOF;
                return new Stmt.Return(token.location(), bare ? null : expressions(false));
            }
            case BREAK, CONTINUE, PASS -> {
                next();
                return new Stmt.Flow(token.location(), token.kind());
            }
            case LOAD -> {
                return load();
            }
            default -> {
                Expr left = expressions(false);
                Token op = tokens.get(index);
                if (op.kind() == TokenKind.EQUALS) {
                    next();
                    checkTarget(left, false);
                    return new Stmt.Assign(op.location(), left, expressions(false));
                }
                TokenKind binary = op.kind().augmentedOperator();
                if (binary != null) {
                    next();
                    checkTarget(left, true);
                    return new Stmt.AugmentedAssign(op.location(), left, binary, expressions(false));
                }
                return new Stmt.ExprStmt(left.location(), left);
            }
        }
    }

    private Stmt load() {
        Location at = next().location();
        expect(TokenKind.LPAREN);
        Token module = expectToken(TokenKind.STRING);
        List<Stmt.Load.Binding> bindings = new ArrayList<>();
        while (peek() == TokenKind.COMMA) {
            next();
            if (peek() == TokenKind.RPAREN) {
                break;
            }
            Token first = tokens.get(index);
            if (first.kind() == TokenKind.IDENTIFIER) {
                next();
                expect(TokenKind.EQUALS);
                Token exported = expectToken(TokenKind.STRING);
                bindings.add(new Stmt.Load.Binding(
                        new Expr.Identifier(first.location(), (String) first.value()), (String) exported.value()));
            } else {
                Token exported = expectToken(TokenKind.STRING);
                String name = (String) exported.value();
                bindings.add(new Stmt.Load.Binding(new Expr.Identifier(exported.location(), name), name));
            }
        }
        expect(TokenKind.RPAREN);
        if (bindings.isEmpty()) {
            throw error(at, "load statement must import at least one symbol");
        }
        return new Stmt.Load(at, (String) module.value(), bindings);
    }

    private void checkTarget(Expr target, boolean augmented) {
        switch (target) {
            case Expr.Identifier ignored -> {}
            case Expr.Index ignored -> {}
            case Expr.Dot ignored -> {}
            case Expr.TupleExpr tuple when !augmented -> tuple.elements().forEach(e -> checkTarget(e, false));
            case Expr.ListExpr list when !augmented -> list.elements().forEach(e -> checkTarget(e, false));
            case Expr.TupleExpr tuple -> throw error(tuple.location(), "cannot use augmented assignment on a tuple");
            case Expr.ListExpr list -> throw error(list.location(), "cannot use augmented assignment on a list");
            default -> throw error(target.location(), "cannot assign to " + describe(target));
        }
    }

    private static String describe(Expr expr) {
        return switch (expr) {
            case Expr.Literal ignored -> "a literal";
            case Expr.Call ignored -> "a function call";
            case Expr.Slice ignored -> "a slice";
            default -> "this expression";
        };
    }

    // ---- parameters and arguments

    private List<Parameter> parameters(TokenKind closing) {
        List<Parameter> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean seenOptional = false;
        boolean seenStar = false;
        boolean seenStarStar = false;
        while (peek() != closing) {
            Token token = tokens.get(index);
            if (seenStarStar) {
                throw error(
                        token.location(),
                        "parameter may not follow **" + parameters.getLast().name());
            }
            Parameter parameter;
            if (token.kind() == TokenKind.STAR) {
                next();
                if (seenStar) {
                    throw error(token.location(), "multiple * parameters not allowed");
                }
                seenStar = true;
                String name = peek() == TokenKind.IDENTIFIER ? identifier() : null;
                parameter = new Parameter(token.location(), Parameter.Kind.STAR, name, null);
            } else if (token.kind() == TokenKind.STAR_STAR) {
                next();
                seenStarStar = true;
                parameter = new Parameter(token.location(), Parameter.Kind.STAR_STAR, identifier(), null);
            } else {
                String name = identifier();
                if (peek() == TokenKind.EQUALS) {
                    next();
                    seenOptional = true;
                    parameter = new Parameter(token.location(), Parameter.Kind.OPTIONAL, name, test());
                } else {
                    if (seenOptional && !seenStar) {
                        throw error(
                                token.location(),
                                "required parameter " + name + " may not follow an optional parameter");
                    }
                    parameter = new Parameter(token.location(), Parameter.Kind.MANDATORY, name, null);
                }
            }
            if (parameter.name() != null && !names.add(parameter.name())) {
                throw error(token.location(), "duplicate parameter: " + parameter.name());
            }
            parameters.add(parameter);
            if (peek() != TokenKind.COMMA) {
                break;
            }
            next();
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            if (parameter.kind() == Parameter.Kind.STAR && parameter.name() == null) {
                boolean followed =
                        i + 1 < parameters.size() && parameters.get(i + 1).kind() != Parameter.Kind.STAR_STAR;
                if (!followed) {
                    throw error(parameter.location(), "bare * must be followed by keyword-only parameters");
                }
            }
        }
        return parameters;
    }

    private List<Argument> arguments() {
        List<Argument> arguments = new ArrayList<>();
        Set<String> keywords = new HashSet<>();
        while (peek() != TokenKind.RPAREN) {
            Token token = tokens.get(index);
            Argument argument;
            if (token.kind() == TokenKind.STAR) {
                next();
                argument = new Argument(token.location(), Argument.Kind.STAR, null, test());
            } else if (token.kind() == TokenKind.STAR_STAR) {
                next();
                argument = new Argument(token.location(), Argument.Kind.STAR_STAR, null, test());
            } else if (token.kind() == TokenKind.IDENTIFIER && peekAt(1) == TokenKind.EQUALS) {
                next();
                next();
                String name = (String) token.value();
                if (!keywords.add(name)) {
                    throw error(token.location(), "duplicate keyword argument: " + name);
                }
                argument = new Argument(token.location(), Argument.Kind.KEYWORD, name, test());
            } else {
                argument = new Argument(token.location(), Argument.Kind.POSITIONAL, null, test());
            }
            checkArgumentOrder(arguments, argument);
            arguments.add(argument);
            if (peek() != TokenKind.COMMA) {
                break;
            }
            next();
        }
        return arguments;
    }

    private void checkArgumentOrder(List<Argument> previous, Argument argument) {
        for (Argument before : previous) {
            String problem = switch (argument.kind()) {
                case POSITIONAL ->
                    before.kind() == Argument.Kind.POSITIONAL
                            ? null
                            : "positional argument may not follow " + describe(before);
                case KEYWORD ->
                    before.kind() == Argument.Kind.STAR || before.kind() == Argument.Kind.STAR_STAR
                            ? "keyword argument " + argument.name() + " may not follow " + describe(before)
                            : null;
                case STAR ->
                    before.kind() == Argument.Kind.STAR || before.kind() == Argument.Kind.STAR_STAR
                            ? "*args may not follow " + describe(before)
                            : null;
                case STAR_STAR -> before.kind() == Argument.Kind.STAR_STAR ? "multiple **kwargs not allowed" : null;
            };
            if (problem != null) {
                throw error(argument.location(), problem);
            }
        }
    }

    private static String describe(Argument argument) {
        return switch (argument.kind()) {
            case POSITIONAL -> "positional argument";
            case KEYWORD -> "keyword argument";
            case STAR -> "*args";
            case STAR_STAR -> "**kwargs";
        };
    }

    // ---- expressions

    /** Parses {@code Expression {',' Expression}}; several expressions form a tuple. */
    private Expr expressions(boolean trailingCommaAllowed) {
        Expr first = test();
        if (peek() != TokenKind.COMMA) {
            return first;
        }
        List<Expr> elements = new ArrayList<>();
        elements.add(first);
        while (peek() == TokenKind.COMMA) {
            next();
            if (trailingCommaAllowed && closesBracket(peek())) {
                break;
            }
            elements.add(test());
        }
        return new Expr.TupleExpr(first.location(), elements);
    }

    private static boolean closesBracket(TokenKind kind) {
        return kind == TokenKind.RPAREN || kind == TokenKind.RBRACKET || kind == TokenKind.RBRACE;
    }

    /** Parses a single expression: a conditional expression, a lambda, or anything of higher precedence. */
    private Expr test() {
        if (peek() == TokenKind.LAMBDA) {
            return lambda();
        }
        Expr then = orTest();
        if (peek() != TokenKind.IF) {
            return then;
        }
        Location at = next().location();
        Expr condition = orTest();
        expect(TokenKind.ELSE);
        return new Expr.Conditional(at, then, condition, test());
    }

    private Expr lambda() {
        Location at = next().location();
        List<Parameter> parameters = parameters(TokenKind.COLON);
        expect(TokenKind.COLON);
        return new Expr.Lambda(at, parameters, test());
    }

    private Expr orTest() {
        Expr left = andTest();
        while (peek() == TokenKind.OR) {
            Location at = next().location();
            left = new Expr.Binary(at, left, TokenKind.OR, andTest());
        }
        return left;
    }

    private Expr andTest() {
        Expr left = notTest();
        while (peek() == TokenKind.AND) {
            Location at = next().location();
            left = new Expr.Binary(at, left, TokenKind.AND, notTest());
        }
        return left;
    }

    private Expr notTest() {
        if (peek() == TokenKind.NOT) {
            Location at = next().location();
            return new Expr.Unary(at, TokenKind.NOT, notTest());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = binary(0);
        TokenKind op = comparisonAhead();
        if (op == null) {
            return left;
        }
        Location at = next().location();
        if (op == TokenKind.NOT_IN) {
            next();
        }
        Expr result = new Expr.Binary(at, left, op, binary(0));
        if (comparisonAhead() != null) {
            throw error(
                    tokens.get(index).location(),
                    "comparison operators do not associate; use parentheses, e.g. (a < b) and (b < c)");
        }
        return result;
    }

    private TokenKind comparisonAhead() {
        TokenKind kind = peek();
        if (COMPARISONS.contains(kind)) {
            return kind;
        }
        return kind == TokenKind.NOT && peekAt(1) == TokenKind.IN ? TokenKind.NOT_IN : null;
    }

    private Expr binary(int level) {
        if (level == BINARY_LEVELS.size()) {
            return unary();
        }
        Expr left = binary(level + 1);
        while (BINARY_LEVELS.get(level).contains(peek())) {
            Token op = next();
            left = new Expr.Binary(op.location(), left, op.kind(), binary(level + 1));
        }
        return left;
    }

    private Expr unary() {
        TokenKind kind = peek();
        if (kind == TokenKind.PLUS || kind == TokenKind.MINUS || kind == TokenKind.TILDE) {
            Location at = next().location();
            return new Expr.Unary(at, kind, unary());
        }
        return primary();
    }

    private Expr primary() {
        Expr expr = operand();
        while (true) {
            switch (peek()) {
                case DOT -> {
                    Location at = next().location();
                    expr = new Expr.Dot(at, expr, identifier());
                }
                case LPAREN -> {
                    Location at = next().location();
                    List<Argument> arguments = arguments();
                    expect(TokenKind.RPAREN);
                    expr = new Expr.Call(at, expr, arguments);
                }
                case LBRACKET -> expr = indexOrSlice(expr);
                default -> {
                    return expr;
                }
            }
        }
    }

    private Expr indexOrSlice(Expr object) {
        Location at = next().location();
        Expr start = null;
        if (peek() != TokenKind.COLON) {
            Expr key = expressions(true);
            if (peek() == TokenKind.RBRACKET) {
                next();
                return new Expr.Index(at, object, key);
            }
            start = key;
        }
        expect(TokenKind.COLON);
        Expr stop = null;
        Expr step = null;
        if (peek() != TokenKind.COLON && peek() != TokenKind.RBRACKET) {
            stop = test();
        }
        if (peek() == TokenKind.COLON) {
            next();
            if (peek() != TokenKind.RBRACKET) {
                step = test();
            }
        }
        expect(TokenKind.RBRACKET);
        return new Expr.Slice(at, object, start, stop, step);
    }

    private Expr operand() {
        Token token = tokens.get(index);
        switch (token.kind()) {
            case IDENTIFIER -> {
                next();
                return new Expr.Identifier(token.location(), (String) token.value());
            }
            case INT, FLOAT, STRING, BYTES -> {
                next();
                return new Expr.Literal(token.location(), token.value());
            }
            case LPAREN -> {
                next();
                if (peek() == TokenKind.RPAREN) {
                    next();
                    return new Expr.TupleExpr(token.location(), List.of());
                }
                Expr inner = test();
                if (peek() == TokenKind.COMMA) {
                    List<Expr> elements = new ArrayList<>();
                    elements.add(inner);
                    while (peek() == TokenKind.COMMA) {
                        next();
                        if (peek() == TokenKind.RPAREN) {
                            break;
                        }
                        elements.add(test());
                    }
                    inner = new Expr.TupleExpr(token.location(), elements);
                } else if (peek() == TokenKind.FOR) {
                    throw error(
                            tokens.get(index).location(),
                            "generator expressions are not supported; use a list comprehension");
                }
                expect(TokenKind.RPAREN);
                return inner;
            }
            case LBRACKET -> {
                return listExpression();
            }
            case LBRACE -> {
                return dictExpression();
            }
            default -> throw error(token.location(), "syntax error: unexpected " + token.describe());
        }
    }

    private Expr listExpression() {
        Location at = next().location();
        List<Expr> elements = new ArrayList<>();
        if (peek() != TokenKind.RBRACKET) {
            Expr first = test();
            if (peek() == TokenKind.FOR) {
                List<Expr.Clause> clauses = clauses(TokenKind.RBRACKET);
                return new Expr.Comprehension(at, first, null, clauses);
            }
            elements.add(first);
            while (peek() == TokenKind.COMMA) {
                next();
                if (peek() == TokenKind.RBRACKET) {
                    break;
                }
                elements.add(test());
            }
        }
        expect(TokenKind.RBRACKET);
        return new Expr.ListExpr(at, elements);
    }

    private Expr dictExpression() {
        Location at = next().location();
        List<Expr.Entry> entries = new ArrayList<>();
        if (peek() != TokenKind.RBRACE) {
            Expr.Entry first = entry();
            if (peek() == TokenKind.FOR) {
                List<Expr.Clause> clauses = clauses(TokenKind.RBRACE);
                return new Expr.Comprehension(at, null, first, clauses);
            }
            entries.add(first);
            while (peek() == TokenKind.COMMA) {
                next();
                if (peek() == TokenKind.RBRACE) {
                    break;
                }
                entries.add(entry());
            }
        }
        expect(TokenKind.RBRACE);
        return new Expr.DictExpr(at, entries);
    }

    private Expr.Entry entry() {
        Expr key = test();
        expect(TokenKind.COLON);
        return new Expr.Entry(key, test());
    }

    /** Parses the clauses of a comprehension up to and including the closing bracket. */
    private List<Expr.Clause> clauses(TokenKind closing) {
        List<Expr.Clause> clauses = new ArrayList<>();
        while (peek() != closing) {
            Token token = tokens.get(index);
            if (token.kind() == TokenKind.FOR) {
                next();
                Expr variables = loopVariables();
                expect(TokenKind.IN);
                clauses.add(new Expr.ForClause(token.location(), variables, orTest()));
            } else if (token.kind() == TokenKind.IF) {
                next();
                clauses.add(new Expr.IfClause(token.location(), orTest()));
            } else {
                throw error(token.location(), "syntax error: unexpected " + token.describe() + " in comprehension");
            }
        }
        next();
        return clauses;
    }

    private Expr loopVariables() {
        Expr first = primary();
        if (peek() != TokenKind.COMMA) {
            checkTarget(first, false);
            return first;
        }
        List<Expr> elements = new ArrayList<>();
        elements.add(first);
        while (peek() == TokenKind.COMMA) {
            next();
            elements.add(primary());
        }
        Expr tuple = new Expr.TupleExpr(first.location(), elements);
        checkTarget(tuple, false);
        return tuple;
    }

    // ---- token helpers

    private TokenKind peek() {
        return tokens.get(index).kind();
    }

    private TokenKind peekAt(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1)).kind();
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != TokenKind.EOF) {
            index++;
        }
        return token;
    }

    private void expect(TokenKind kind) {
        expectToken(kind);
    }

    private Token expectToken(TokenKind kind) {
        Token token = tokens.get(index);
        if (token.kind() != kind) {
            throw error(token.location(), "syntax error: got " + token.describe() + ", want " + describe(kind));
        }
        return next();
    }

    private static String describe(TokenKind kind) {
        return kind.ordinal() >= TokenKind.AND.ordinal() ? "'" + kind + "'" : kind.toString();
    }

    private String identifier() {
        return (String) expectToken(TokenKind.IDENTIFIER).value();
    }

    private static StarlarkCompileError error(Location at, String message) {
        return new StarlarkCompileError(at, message);
    }
}
