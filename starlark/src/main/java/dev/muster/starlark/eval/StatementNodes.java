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

/**
 * The statements: expressions, assignments, if, for, while, return, break, continue and load. An error a statement
 * raises itself needs no position: {@link StmtNode#execBlock} places it at the statement.
 */
final class StatementNodes {

    private StatementNodes() {}

    record Expression(Location location, ExprNode expression) implements StmtNode {
        @Override
        public int exec(Frame frame) {
            expression.eval(frame);
            return NORMAL;
        }
    }

    record Assign(Location location, Target target, ExprNode value) implements StmtNode {
        @Override
        public int exec(Frame frame) {
            target.assign(frame, value.eval(frame));
            return NORMAL;
        }
    }

    /** {@code x op= y} on a variable. */
    record AugmentVariable(Location location, ExprNode read, Target write, TokenKind op, ExprNode value)
            implements StmtNode {
        @Override
        public int exec(Frame frame) {
            write.assign(frame, Operators.augmented(op, read.eval(frame), value.eval(frame), frame.thread));
            return NORMAL;
        }
    }

    /** {@code a[i] op= y}: a and i are evaluated once. */
    record AugmentIndex(Location location, ExprNode object, ExprNode key, TokenKind op, ExprNode value)
            implements StmtNode {
        @Override
        public int exec(Frame frame) {
            Object container = object.eval(frame);
            Object k = key.eval(frame);
            Object x = Indexing.get(container, k);
            Indexing.set(container, k, Operators.augmented(op, x, value.eval(frame), frame.thread), frame.thread);
            return NORMAL;
        }
    }

    /** {@code x.f op= y}: x is evaluated once. */
    record AugmentField(Location location, ExprNode object, String name, TokenKind op, ExprNode value)
            implements StmtNode {
        @Override
        public int exec(Frame frame) {
            Object x = object.eval(frame);
            Operators.augmented(op, Attributes.get(x, name), value.eval(frame), frame.thread);
            throw new EvalException(Attributes.setError(x, name));
        }
    }

    record If(Location location, ExprNode condition, StmtNode[] then, StmtNode[] otherwise) implements StmtNode {
        @Override
        public int exec(Frame frame) {
            return StmtNode.execBlock(Values.truth(condition.eval(frame)) ? then : otherwise, frame);
        }
    }

    record For(Location location, Target target, ExprNode iterable, StmtNode[] body) implements StmtNode {
        @Override
        public int exec(Frame frame) {
            Object sequence = iterable.eval(frame);
            StarlarkIterable elements = CollectionNodes.iterable(iterable.location(), sequence);
            elements.startIteration();
            try {
                for (Iterator<Object> it = elements.iterator(); it.hasNext(); ) {
                    frame.thread.tick();
                    target.assign(frame, it.next());
                    int completion = StmtNode.execBlock(body, frame);
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

    record While(Location location, ExprNode condition, StmtNode[] body) implements StmtNode {
        @Override
        public int exec(Frame frame) {
            while (Values.truth(condition.eval(frame))) {
                frame.thread.tick();
                int completion = StmtNode.execBlock(body, frame);
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

    /** {@code return} with no value (null) returns None. */
    record Return(Location location, ExprNode value) implements StmtNode {
        @Override
        public int exec(Frame frame) {
            frame.returnValue = value == null ? NoneType.NONE : value.eval(frame);
            return RETURN;
        }
    }

    /** break or continue. */
    record Jump(Location location, int completion) implements StmtNode {
        @Override
        public int exec(Frame frame) {
            return completion;
        }
    }

    record Load(Location location, String module, String[] exported, Target[] targets) implements StmtNode {
        @Override
        public int exec(Frame frame) {
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
