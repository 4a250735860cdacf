package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Location;
import dev.muster.starlark.lib.Attributes;
import dev.muster.starlark.value.Indexing;
import dev.muster.starlark.value.Values;

/** The left-hand side of an assignment, or the variables of a for loop or comprehension. */
sealed interface Target {

    Location location();

    void assign(Frame frame, Object value);

    record Local(Location location, int slot) implements Target {
        @Override
        public void assign(Frame frame, Object value) {
            frame.slots[slot] = value;
        }
    }

    record Global(Location location, int index) implements Target {
        @Override
        public void assign(Frame frame, Object value) {
            frame.globals.values[index] = value;
        }
    }

    record Index(Location location, ExprNode object, ExprNode key) implements Target {
        @Override
        public void assign(Frame frame, Object value) {
            Object container = object.eval(frame);
            Object k = key.eval(frame);
            try {
                Indexing.set(container, k, value, frame.thread);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }

    record Dot(Location location, ExprNode object, String name) implements Target {
        @Override
        public void assign(Frame frame, Object value) {
            Object x = object.eval(frame);
            throw new EvalException(Attributes.setError(x, name)).at(location);
        }
    }

    /** {@code a, b = ...} and {@code [a, b] = ...}: the value must have exactly as many elements. */
    record Unpack(Location location, Target[] elements) implements Target {
        @Override
        public void assign(Frame frame, Object value) {
            Object[] values;
            try {
                values = Values.toArray(value, frame.thread);
            } catch (EvalException e) {
                throw new EvalException("got " + Values.type(value) + " in sequence assignment, want iterable")
                        .at(location);
            }
            if (values.length != elements.length) {
                String problem = values.length > elements.length ? "too many" : "not enough";
                throw new EvalException(
                                problem + " values to unpack (got " + values.length + ", want " + elements.length + ")")
                        .at(location);
            }
            for (int i = 0; i < values.length; i++) {
                elements[i].assign(frame, values[i]);
            }
        }
    }
}
