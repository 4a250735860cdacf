package dev.muster.starlark.eval;

import dev.muster.starlark.Location;
import dev.muster.starlark.StarlarkCompileError;
import dev.muster.starlark.StarlarkOptions;
import dev.muster.starlark.lib.Universe;
import dev.muster.starlark.syntax.Expr;
import dev.muster.starlark.syntax.Stmt;
import dev.muster.starlark.syntax.TokenKind;
import dev.muster.starlark.value.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static resolver and code generator. It binds every name to a local slot, a free variable of an
 * enclosing function, a global, a predeclared name or a universal built-in (an unbound name is an
 * error), checks where statements may appear, and turns the syntax tree into executable nodes.
 */
public final class Compiler {

    /** The frame layout of a function (or of the top level): slots are allocated as blocks declare names. */
    private static final class Scope {
        final int level;
        int frameSize;

        Scope(Scope enclosing) {
            this.level = enclosing == null ? 0 : enclosing.level + 1;
        }
    }

    /** A lexical block: a function body or a comprehension. */
    private static final class Block {
        final Block parent;
        final Scope scope;
        final Map<String, Integer> slots = new HashMap<>();

        Block(Block parent, Scope scope) {
            this.parent = parent;
            this.scope = scope;
        }

        void declare(String name) {
            slots.computeIfAbsent(name, n -> scope.frameSize++);
        }
    }

    /** Where statements are being compiled. */
    private record Context(Block block, boolean inFunction, int loopDepth) {}

    private final StarlarkOptions options;
    private final Map<String, Integer> globals = new LinkedHashMap<>();
    private final Map<String, Location> globalBindings = new HashMap<>();
    private final Map<String, Integer> predeclared = new HashMap<>();

    private Compiler(StarlarkOptions options) {
        this.options = options;
        List<String> names = options.predeclaredNames();
        for (int i = 0; i < names.size(); i++) {
            predeclared.put(names.get(i), i);
        }
    }

    /** Resolves and compiles a parsed file. */
    public static CompiledProgram compile(String file, List<Stmt> statements, StarlarkOptions options) {
        Compiler compiler = new Compiler(options);
        compiler.declareGlobals(statements);
        Scope top = new Scope(null);
        StmtNode[] body = compiler.block(statements, new Context(new Block(null, top), false, 0));
        return new CompiledProgram(
                file,
                body,
                top.frameSize,
                compiler.globals.keySet().toArray(String[]::new),
                options.predeclaredNames().toArray(String[]::new));
    }

    // ---- global bindings

    private void declareGlobals(List<Stmt> statements) {
        for (Stmt statement : statements) {
            switch (statement) {
                case Stmt.Assign assign -> bindGlobals(assign.target());
                case Stmt.AugmentedAssign assign -> bindGlobals(assign.target());
                case Stmt.Def def -> bindGlobal(def.name(), def.location());
                case Stmt.For loop -> {
                    bindGlobals(loop.variables());
                    declareGlobals(loop.body());
                }
                case Stmt.While loop -> declareGlobals(loop.body());
                case Stmt.If branch -> {
                    declareGlobals(branch.then());
                    declareGlobals(branch.otherwise());
                }
                case Stmt.Load load ->
                    load.bindings()
                            .forEach(b -> bindGlobal(b.local().name(), b.local().location()));
                default -> {}
            }
        }
    }

    private void bindGlobals(Expr target) {
        for (Expr.Identifier id : boundIdentifiers(target, new ArrayList<>())) {
            bindGlobal(id.name(), id.location());
        }
    }

    private void bindGlobal(String name, Location location) {
        Location previous = globalBindings.putIfAbsent(name, location);
        if (previous != null && !options.allowGlobalReassign()) {
            throw new StarlarkCompileError(location, "cannot reassign global " + name + " declared at " + previous);
        }
        globals.putIfAbsent(name, globals.size());
    }

    private static List<Expr.Identifier> boundIdentifiers(Expr target, List<Expr.Identifier> out) {
        switch (target) {
            case Expr.Identifier id -> out.add(id);
            case Expr.TupleExpr tuple -> tuple.elements().forEach(e -> boundIdentifiers(e, out));
            case Expr.ListExpr list -> list.elements().forEach(e -> boundIdentifiers(e, out));
            default -> {}
        }
        return out;
    }

    /** Declares the names a function body binds (not descending into nested functions or comprehensions). */
    private static void declareLocals(List<Stmt> statements, Block block) {
        for (Stmt statement : statements) {
            switch (statement) {
                case Stmt.Assign assign ->
                    boundIdentifiers(assign.target(), new ArrayList<>()).forEach(id -> block.declare(id.name()));
                case Stmt.AugmentedAssign assign ->
                    boundIdentifiers(assign.target(), new ArrayList<>()).forEach(id -> block.declare(id.name()));
                case Stmt.Def def -> block.declare(def.name());
                case Stmt.For loop -> {
                    boundIdentifiers(loop.variables(), new ArrayList<>()).forEach(id -> block.declare(id.name()));
                    declareLocals(loop.body(), block);
                }
                case Stmt.While loop -> declareLocals(loop.body(), block);
                case Stmt.If branch -> {
                    declareLocals(branch.then(), block);
                    declareLocals(branch.otherwise(), block);
                }
                default -> {}
            }
        }
    }

    // ---- statements

    private StmtNode[] block(List<Stmt> statements, Context context) {
        List<StmtNode> nodes = new ArrayList<>();
        for (Stmt statement : statements) {
            StmtNode node = statement(statement, context);
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes.toArray(StmtNode[]::new);
    }

    private StmtNode statement(Stmt statement, Context context) {
        Location at = statement.location();
        switch (statement) {
            case Stmt.ExprStmt s -> {
                return new StatementNodes.Expression(at, expr(s.expression(), context));
            }
            case Stmt.Assign s -> {
                ExprNode value = expr(s.value(), context);
                return new StatementNodes.Assign(at, target(s.target(), context), value);
            }
            case Stmt.AugmentedAssign s -> {
                return augmented(s, context);
            }
            case Stmt.Def def -> {
                ExprNode function = function(def.name(), at, def.parameters(), def.body(), null, context);
                return new StatementNodes.Assign(at, variableTarget(def.name(), at, context), function);
            }
            case Stmt.If s -> {
                checkTopLevelControl("if", at, context);
                return new StatementNodes.If(
                        at, expr(s.condition(), context), block(s.then(), context), block(s.otherwise(), context));
            }
            case Stmt.For s -> {
                checkTopLevelControl("for", at, context);
                ExprNode iterable = expr(s.iterable(), context);
                Target target = target(s.variables(), context);
                Context loop = new Context(context.block(), context.inFunction(), context.loopDepth() + 1);
                return new StatementNodes.For(at, target, iterable, block(s.body(), loop));
            }
            case Stmt.While s -> {
                if (!options.allowWhile()) {
                    throw error(at, "while loops are not allowed (enable the allowWhile option)");
                }
                checkTopLevelControl("while", at, context);
                Context loop = new Context(context.block(), context.inFunction(), context.loopDepth() + 1);
                return new StatementNodes.While(at, expr(s.condition(), context), block(s.body(), loop));
            }
            case Stmt.Return s -> {
                if (!context.inFunction()) {
                    throw error(at, "return statement not within a function");
                }
                return new StatementNodes.Return(at, s.value() == null ? null : expr(s.value(), context));
            }
            case Stmt.Flow s -> {
                if (s.kind() == TokenKind.PASS) {
                    return null;
                }
                if (context.loopDepth() == 0) {
                    throw error(at, s.kind() + " statement not within a loop");
                }
                return new StatementNodes.Jump(at, s.kind() == TokenKind.BREAK ? StmtNode.BREAK : StmtNode.CONTINUE);
            }
            case Stmt.Load s -> {
                return load(s, context);
            }
        }
    }

    private void checkTopLevelControl(String keyword, Location at, Context context) {
        if (!context.inFunction() && !options.allowTopLevelControl()) {
            throw error(at, keyword + " statement not within a function (enable the allowTopLevelControl option)");
        }
    }

    private StmtNode augmented(Stmt.AugmentedAssign s, Context context) {
        Location at = s.location();
        switch (s.target()) {
            case Expr.Identifier id -> {
                ExprNode read = variable(id, context.block());
                ExprNode value = expr(s.value(), context);
                return new StatementNodes.AugmentVariable(
                        at, read, variableTarget(id.name(), id.location(), context), s.op(), value);
            }
            case Expr.Index index -> {
                return new StatementNodes.AugmentIndex(
                        at,
                        expr(index.object(), context),
                        expr(index.key(), context),
                        s.op(),
                        expr(s.value(), context));
            }
            case Expr.Dot dot -> {
                return new StatementNodes.AugmentField(
                        at, expr(dot.object(), context), dot.name(), s.op(), expr(s.value(), context));
            }
            default -> throw error(at, "invalid target of augmented assignment");
        }
    }

    private StmtNode load(Stmt.Load s, Context context) {
        if (!options.allowLoad()) {
            throw error(s.location(), "load statements are not allowed (enable the allowLoad option)");
        }
        if (context.inFunction()) {
            throw error(s.location(), "load statement within a function");
        }
        String[] exported = new String[s.bindings().size()];
        Target[] targets = new Target[exported.length];
        for (int i = 0; i < exported.length; i++) {
            Stmt.Load.Binding binding = s.bindings().get(i);
            if (binding.exported().startsWith("_")) {
                throw error(
                        binding.local().location(),
                        "load: symbol " + binding.exported() + " is private and cannot be loaded");
            }
            exported[i] = binding.exported();
            targets[i] = variableTarget(binding.local().name(), binding.local().location(), context);
        }
        return new StatementNodes.Load(s.location(), s.module(), exported, targets);
    }

    // ---- assignment targets

    private Target target(Expr target, Context context) {
        return switch (target) {
            case Expr.Identifier id -> variableTarget(id.name(), id.location(), context);
            case Expr.TupleExpr tuple ->
                new Target.Unpack(
                        tuple.location(),
                        tuple.elements().stream().map(e -> target(e, context)).toArray(Target[]::new));
            case Expr.ListExpr list ->
                new Target.Unpack(
                        list.location(),
                        list.elements().stream().map(e -> target(e, context)).toArray(Target[]::new));
            case Expr.Index index ->
                new Target.Index(index.location(), expr(index.object(), context), expr(index.key(), context));
            case Expr.Dot dot -> new Target.Dot(dot.location(), expr(dot.object(), context), dot.name());
            default -> throw error(target.location(), "cannot assign to this expression");
        };
    }

    /** The variable a binding of {@code name} assigns: a local of the current function or comprehension, else a global. */
    private Target variableTarget(String name, Location at, Context context) {
        for (Block b = context.block(); b != null && b.scope == context.block().scope; b = b.parent) {
            Integer slot = b.slots.get(name);
            if (slot != null) {
                return new Target.Local(at, slot);
            }
        }
        Integer index = globals.get(name);
        if (index == null) {
            throw new IllegalStateException("unresolved binding of " + name + " at " + at);
        }
        return new Target.Global(at, index);
    }

    // ---- expressions

    private ExprNode expr(Expr expr, Context context) {
        Location at = expr.location();
        return switch (expr) {
            case Expr.Identifier id -> variable(id, context.block());
            case Expr.Literal literal ->
                new VariableNodes.Constant(
                        at, literal.value() instanceof byte[] data ? Bytes.wrap(data) : literal.value());
            case Expr.ListExpr list -> new CollectionNodes.ListDisplay(at, exprs(list.elements(), context));
            case Expr.TupleExpr tuple -> new CollectionNodes.TupleDisplay(at, exprs(tuple.elements(), context));
            case Expr.DictExpr dict ->
                new CollectionNodes.DictDisplay(
                        at,
                        dict.entries().stream().map(e -> expr(e.key(), context)).toArray(ExprNode[]::new),
                        dict.entries().stream()
                                .map(e -> expr(e.value(), context))
                                .toArray(ExprNode[]::new));
            case Expr.Comprehension comprehension -> comprehension(comprehension, context);
            case Expr.Unary unary ->
                unary.op() == TokenKind.NOT
                        ? new OperatorNodes.Not(at, expr(unary.operand(), context))
                        : new OperatorNodes.Unary(at, unary.op(), expr(unary.operand(), context));
            case Expr.Binary binary -> binary(binary, context);
            case Expr.Conditional conditional ->
                new OperatorNodes.Conditional(
                        at,
                        expr(conditional.condition(), context),
                        expr(conditional.then(), context),
                        expr(conditional.otherwise(), context));
            case Expr.Lambda lambda -> function("lambda", at, lambda.parameters(), null, lambda.body(), context);
            case Expr.Call call -> call(call, context);
            case Expr.Dot dot -> new AccessNodes.Dot(at, expr(dot.object(), context), dot.name());
            case Expr.Index index ->
                new AccessNodes.Index(at, expr(index.object(), context), expr(index.key(), context));
            case Expr.Slice slice ->
                new AccessNodes.Slice(
                        at,
                        expr(slice.object(), context),
                        optional(slice.start(), context),
                        optional(slice.stop(), context),
                        optional(slice.step(), context));
        };
    }

    private ExprNode optional(Expr expr, Context context) {
        return expr == null ? null : expr(expr, context);
    }

    private ExprNode[] exprs(List<Expr> exprs, Context context) {
        return exprs.stream().map(e -> expr(e, context)).toArray(ExprNode[]::new);
    }

    private ExprNode binary(Expr.Binary binary, Context context) {
        ExprNode left = expr(binary.left(), context);
        ExprNode right = expr(binary.right(), context);
        return switch (binary.op()) {
            case AND -> new OperatorNodes.And(binary.location(), left, right);
            case OR -> new OperatorNodes.Or(binary.location(), left, right);
            default -> new OperatorNodes.Binary(binary.location(), binary.op(), left, right);
        };
    }

    private ExprNode variable(Expr.Identifier id, Block block) {
        String name = id.name();
        for (Block b = block; b != null; b = b.parent) {
            Integer slot = b.slots.get(name);
            if (slot != null) {
                int depth = block.scope.level - b.scope.level;
                return depth == 0
                        ? new VariableNodes.Local(id.location(), name, slot)
                        : new VariableNodes.Free(id.location(), name, depth, slot);
            }
        }
        Integer global = globals.get(name);
        if (global != null) {
            return new VariableNodes.Global(id.location(), name, global);
        }
        Integer index = predeclared.get(name);
        if (index != null) {
            return new VariableNodes.Predeclared(id.location(), name, index);
        }
        Object builtin = Universe.get(name);
        if (builtin != null) {
            return new VariableNodes.Constant(id.location(), builtin);
        }
        throw error(id.location(), "undefined: " + name);
    }

    private ExprNode call(Expr.Call call, Context context) {
        List<ExprNode> positional = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<ExprNode> named = new ArrayList<>();
        ExprNode star = null;
        ExprNode starStar = null;
        ExprNode receiver = call.function() instanceof Expr.Dot dot ? expr(dot.object(), context) : null;
        ExprNode function = receiver == null ? expr(call.function(), context) : null;
        for (Expr.Argument argument : call.arguments()) {
            ExprNode value = expr(argument.value(), context);
            switch (argument.kind()) {
                case POSITIONAL -> positional.add(value);
                case KEYWORD -> {
                    names.add(argument.name());
                    named.add(value);
                }
                case STAR -> star = value;
                case STAR_STAR -> starStar = value;
            }
        }
        CallNodes.ArgumentNodes arguments = CallNodes.ArgumentNodes.of(
                positional.toArray(ExprNode[]::new),
                names.toArray(String[]::new),
                named.toArray(ExprNode[]::new),
                star,
                starStar);
        if (receiver != null) {
            return new CallNodes.MethodCall(call.location(), receiver, ((Expr.Dot) call.function()).name(), arguments);
        }
        return new CallNodes.Call(call.location(), function, arguments);
    }

    private ExprNode comprehension(Expr.Comprehension comprehension, Context context) {
        List<Expr.Clause> clauses = comprehension.clauses();
        ExprNode firstIterable = expr(((Expr.ForClause) clauses.getFirst()).iterable(), context);
        Block block = new Block(context.block(), context.block().scope);
        for (Expr.Clause clause : clauses) {
            if (clause instanceof Expr.ForClause loop) {
                boundIdentifiers(loop.variables(), new ArrayList<>()).forEach(id -> block.declare(id.name()));
            }
        }
        Context inner = new Context(block, context.inFunction(), 0);
        CollectionNodes.Clause[] nodes = new CollectionNodes.Clause[clauses.size()];
        for (int i = 0; i < nodes.length; i++) {
            switch (clauses.get(i)) {
                case Expr.ForClause loop ->
                    nodes[i] = new CollectionNodes.Clause(
                            loop.location(),
                            target(loop.variables(), inner),
                            i == 0 ? firstIterable : expr(loop.iterable(), inner));
                case Expr.IfClause test ->
                    nodes[i] = new CollectionNodes.Clause(test.location(), null, expr(test.condition(), inner));
            }
        }
        if (comprehension.isDict()) {
            return new CollectionNodes.Comprehension(
                    comprehension.location(),
                    nodes,
                    expr(comprehension.entry().key(), inner),
                    expr(comprehension.entry().value(), inner));
        }
        return new CollectionNodes.Comprehension(
                comprehension.location(), nodes, expr(comprehension.body(), inner), null);
    }

    /** Compiles a def (with a statement body) or a lambda (with an expression body). */
    private ExprNode function(
            String name,
            Location at,
            List<Expr.Parameter> parameters,
            List<Stmt> body,
            Expr lambdaBody,
            Context outer) {
        Scope scope = new Scope(outer.block().scope);
        Block block = new Block(outer.block(), scope);
        List<Expr.Parameter> positional = new ArrayList<>();
        List<Expr.Parameter> keywordOnly = new ArrayList<>();
        Expr.Parameter varargs = null;
        Expr.Parameter kwargs = null;
        boolean afterStar = false;
        for (Expr.Parameter parameter : parameters) {
            switch (parameter.kind()) {
                case MANDATORY, OPTIONAL -> (afterStar ? keywordOnly : positional).add(parameter);
                case STAR -> {
                    afterStar = true;
                    varargs = parameter.name() == null ? null : parameter;
                }
                case STAR_STAR -> kwargs = parameter;
            }
        }
        List<Expr.Parameter> ordered = new ArrayList<>(positional);
        ordered.addAll(keywordOnly);
        Map<String, Integer> parameterSlots = new HashMap<>();
        ExprNode[] defaults = new ExprNode[ordered.size()];
        String[] names = new String[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            Expr.Parameter parameter = ordered.get(i);
            block.declare(parameter.name());
            parameterSlots.put(parameter.name(), i);
            names[i] = parameter.name();
            if (parameter.defaultValue() != null) {
                defaults[i] = expr(parameter.defaultValue(), outer);
            }
        }
        if (varargs != null) {
            block.declare(varargs.name());
        }
        if (kwargs != null) {
            block.declare(kwargs.name());
        }
        FunctionCode code = new FunctionCode(
                name,
                names,
                positional.size(),
                keywordOnly.size(),
                varargs != null,
                kwargs != null,
                parameterSlots,
                options.allowRecursion());
        Context inner = new Context(block, true, 0);
        if (body != null) {
            declareLocals(body, block);
            code.body = block(body, inner);
        } else {
            code.body = new StmtNode[] {new StatementNodes.Return(lambdaBody.location(), expr(lambdaBody, inner))};
        }
        code.frameSize = scope.frameSize;
        return new CallNodes.MakeFunction(at, code, defaults);
    }

    private static StarlarkCompileError error(Location at, String message) {
        return new StarlarkCompileError(at, message);
    }
}
