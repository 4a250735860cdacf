package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Loader;
import dev.muster.starlark.Location;
import dev.muster.starlark.Module;
import dev.muster.starlark.lib.Attributes;
import dev.muster.starlark.syntax.TokenKind;
import dev.muster.starlark.value.Indexing;
import dev.muster.starlark.value.NoneType;
import dev.muster.starlark.value.Operators;
import dev.muster.starlark.value.StarlarkIterable;
import dev.muster.starlark.value.Values;

import java.util.Iterator;

/** The statements: expressions, assignments, if, for, while, return, break, continue and load. */
final class StatementNodes {

    private StatementNodes() {}

    static final class Expression extends StmtNode {
        private final ExprNode expression;

        Expression(Location location, ExprNode expression) {
            super(location);
            this.expression = expression;
        }

        @Override
        int exec(Frame frame) {
            expression.eval(frame);
            return NORMAL;
        }
    }

    static final class Assign extends StmtNode {
        private final Target target;
        private final ExprNode value;

        Assign(Location location, Target target, ExprNode value) {
            super(location);
            this.target = target;
            this.value = value;
        }

        @Override
        int exec(Frame frame) {
            target.assign(frame, value.eval(frame));
            return NORMAL;
        }
    }

    /** {@code x op= y} on a variable. */
    static final class AugmentVariable extends StmtNode {
        private final ExprNode read;
        private final Target write;
        private final TokenKind op;
        private final ExprNode value;

        AugmentVariable(Location location, ExprNode read, Target write, TokenKind op, ExprNode value) {
            super(location);
            this.read = read;
            this.write = write;
            this.op = op;
            this.value = value;
        }

        @Override
        int exec(Frame frame) {
            Object x = read.eval(frame);
            Object y = value.eval(frame);
            write.assign(frame, augment(location, op, x, y, frame));
            return NORMAL;
        }
    }

    /** {@code a[i] op= y}: a and i are evaluated once. */
    static final class AugmentIndex extends StmtNode {
        private final ExprNode object;
        private final ExprNode key;
        private final TokenKind op;
        private final ExprNode value;

        AugmentIndex(Location location, ExprNode object, ExprNode key, TokenKind op, ExprNode value) {
            super(location);
            this.object = object;
            this.key = key;
            this.op = op;
            this.value = value;
        }

        @Override
        int exec(Frame frame) {
            Object container = object.eval(frame);
            Object k = key.eval(frame);
            try {
                Object x = Indexing.get(container, k);
                Object result = augment(location, op, x, value.eval(frame), frame);
                Indexing.set(container, k, result, frame.thread);
            } catch (EvalException e) {
                throw e.at(location);
            }
            return NORMAL;
        }
    }

    /** {@code x.f op= y}: x is evaluated once. */
    static final class AugmentField extends StmtNode {
        private final ExprNode object;
        private final String name;
        private final TokenKind op;
        private final ExprNode value;

        AugmentField(Location location, ExprNode object, String name, TokenKind op, ExprNode value) {
            super(location);
            this.object = object;
            this.name = name;
            this.op = op;
            this.value = value;
        }

        @Override
        int exec(Frame frame) {
            Object x = object.eval(frame);
            try {
                augment(location, op, Attributes.get(x, name), value.eval(frame), frame);
                throw new EvalException(Attributes.setError(x, name));
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }

    private static Object augment(Location location, TokenKind op, Object x, Object y, Frame frame) {
        try {
            return Operators.augmented(op, x, y, frame.thread);
        } catch (EvalException e) {
            throw e.at(location);
        }
    }

    static final class If extends StmtNode {
        private final ExprNode condition;
        private final StmtNode[] then;
        private final StmtNode[] otherwise;

        If(Location location, ExprNode condition, StmtNode[] then, StmtNode[] otherwise) {
            super(location);
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        int exec(Frame frame) {
            return execBlock(Values.truth(condition.eval(frame)) ? then : otherwise, frame);
        }
    }

    static final class For extends StmtNode {
        private final Target target;
        private final ExprNode iterable;
        private final StmtNode[] body;

        For(Location location, Target target, ExprNode iterable, StmtNode[] body) {
            super(location);
            this.target = target;
            this.iterable = iterable;
            this.body = body;
        }

        @Override
        int exec(Frame frame) {
            Object sequence = iterable.eval(frame);
            StarlarkIterable elements;
            try {
                elements = Values.iterable(sequence);
            } catch (EvalException e) {
                throw e.at(iterable.location);
            }
            elements.startIteration();
            try {
                for (Iterator<Object> it = elements.iterator(); it.hasNext(); ) {
                    frame.thread.tick();
                    target.assign(frame, it.next());
                    int completion = execBlock(body, frame);
                    if (completion == BREAK) {
                        break;
                    }
                    if (completion == RETURN) {
                        return RETURN;
                    }
                }
            } finally {
                elements.endIteration();
            }
            return NORMAL;
        }
    }

    static final class While extends StmtNode {
        private final ExprNode condition;
        private final StmtNode[] body;

        While(Location location, ExprNode condition, StmtNode[] body) {
            super(location);
            this.condition = condition;
            this.body = body;
        }

        @Override
        int exec(Frame frame) {
            while (Values.truth(condition.eval(frame))) {
                frame.thread.tick();
                int completion = execBlock(body, frame);
                if (completion == BREAK) {
                    break;
                }
                if (completion == RETURN) {
                    return RETURN;
                }
            }
            return NORMAL;
        }
    }

    static final class Return extends StmtNode {
        private final ExprNode value;

        Return(Location location, ExprNode value) {
            super(location);
            this.value = value;
        }

        @Override
        int exec(Frame frame) {
            frame.returnValue = value == null ? NoneType.NONE : value.eval(frame);
            return RETURN;
        }
    }

    /** break or continue. */
    static final class Jump extends StmtNode {
        private final int completion;

        Jump(Location location, int completion) {
            super(location);
            this.completion = completion;
        }

        @Override
        int exec(Frame frame) {
            return completion;
        }
    }

    static final class Load extends StmtNode {
        private final String module;
        private final String[] exported;
        private final Target[] targets;

        Load(Location location, String module, String[] exported, Target[] targets) {
            super(location);
            this.module = module;
            this.exported = exported;
            this.targets = targets;
        }

        @Override
        int exec(Frame frame) {
            Loader loader = frame.thread.loader();
            if (loader == null) {
                throw new EvalException("load: no loader is configured to load " + Values.repr(module));
            }
            Module loaded = loader.load(module);
            for (int i = 0; i < exported.length; i++) {
                Object value = loaded.starlarkValue(exported[i]);
                if (value == null) {
                    throw new EvalException("load: module " + Values.repr(module) + " has no global " + exported[i]);
                }
                targets[i].assign(frame, value);
            }
            return NORMAL;
        }
    }
}
