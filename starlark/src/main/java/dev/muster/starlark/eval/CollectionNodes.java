package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Location;
import dev.muster.starlark.value.Dict;
import dev.muster.starlark.value.StarlarkIterable;
import dev.muster.starlark.value.StarlarkList;
import dev.muster.starlark.value.Tuple;
import dev.muster.starlark.value.Values;
import java.util.Iterator;

/** List, tuple and dict displays, and comprehensions. */
final class CollectionNodes {

    private CollectionNodes() {}

    static Object[] evalAll(ExprNode[] nodes, Frame frame) {
        Object[] values = new Object[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            values[i] = nodes[i].eval(frame);
        }
        return values;
    }

    /** The elements a for loop or a comprehension iterates over; an error if it cannot, placed at {@code location}. */
    static StarlarkIterable iterable(Location location, Object sequence) {
        try {
            return Values.iterable(sequence);
        } catch (EvalException e) {
            throw e.at(location);
        }
    }

    record ListDisplay(Location location, ExprNode[] elements) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            return StarlarkList.wrap(frame.thread.mutability(), evalAll(elements, frame));
        }
    }

    record TupleDisplay(Location location, ExprNode[] elements) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            return Tuple.wrap(evalAll(elements, frame));
        }
    }

    record DictDisplay(Location location, ExprNode[] keys, ExprNode[] values) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Dict dict = new Dict(frame.thread.mutability());
            for (int i = 0; i < keys.length; i++) {
                Object key = keys[i].eval(frame);
                Object value = values[i].eval(frame);
                try {
                    if (dict.containsKey(key)) {
                        throw new EvalException("duplicate key: " + Values.repr(key));
                    }
                    dict.put(key, value, frame.thread);
                } catch (EvalException e) {
                    throw e.at(keys[i].location());
                }
            }
            return dict;
        }
    }

    /** A for clause (target set) or an if clause (target null) of a comprehension. */
    record Clause(Location location, Target target, ExprNode expression) {}

    /** A list comprehension has a body; a dict comprehension has a key (body) and a value. */
    record Comprehension(Location location, Clause[] clauses, ExprNode body, ExprNode value) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object result =
                    value == null ? StarlarkList.empty(frame.thread.mutability()) : new Dict(frame.thread.mutability());
            run(frame, 0, result);
            return result;
        }

        private void run(Frame frame, int index, Object result) {
            if (index == clauses.length) {
                emit(frame, result);
                return;
            }
            Clause clause = clauses[index];
            if (clause.target() == null) {
                if (Values.truth(clause.expression().eval(frame))) {
                    run(frame, index + 1, result);
                }
                return;
            }
            Object sequence = clause.expression().eval(frame);
            StarlarkIterable iterable = iterable(clause.location(), sequence);
            iterable.startIteration();
            try {
                for (Iterator<Object> it = iterable.iterator(); it.hasNext(); ) {
                    frame.thread.tick();
                    clause.target().assign(frame, it.next());
                    run(frame, index + 1, result);
                }
            } finally {
                iterable.endIteration();
            }
        }

        private void emit(Frame frame, Object result) {
            Object element = body.eval(frame);
            try {
                if (value == null) {
                    ((StarlarkList) result).append(element, frame.thread);
                } else {
                    ((Dict) result).put(element, value.eval(frame), frame.thread);
                }
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }
}
