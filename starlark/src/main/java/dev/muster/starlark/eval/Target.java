package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Location;
import dev.muster.starlark.lib.Attributes;
import dev.muster.starlark.value.Indexing;
import dev.muster.starlark.value.Values;

/** The left-hand side of an assignment, or the variables of a for loop or comprehension. */
abstract class Target {

    final Location location;

    Target(Location location) {
        this.location = location;
    }

    abstract void assign(Frame frame, Object value);

    static final class Local extends Target {
        private final int slot;

        Local(Location location, int slot) {
            super(location);
            this.slot = slot;
        }

        @Override
        void assign(Frame frame, Object value) {
            frame.slots[slot] = value;
        }
    }

    static final class Global extends Target {
        private final int index;

        Global(Location location, int index) {
            super(location);
            this.index = index;
        }

        @Override
        void assign(Frame frame, Object value) {
            frame.globals.values[index] = value;
        }
    }

    static final class Index extends Target {
        private final ExprNode object;
        private final ExprNode key;

        Index(Location location, ExprNode object, ExprNode key) {
            super(location);
            this.object = object;
            this.key = key;
        }

        @Override
        void assign(Frame frame, Object value) {
            Object container = object.eval(frame);
            Object k = key.eval(frame);
            try {
                Indexing.set(container, k, value, frame.thread);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }

    static final class Dot extends Target {
        private final ExprNode object;
        private final String name;

        Dot(Location location, ExprNode object, String name) {
            super(location);
            this.object = object;
            this.name = name;
        }

        @Override
        void assign(Frame frame, Object value) {
            Object x = object.eval(frame);
            throw new EvalException(Attributes.setError(x, name)).at(location);
        }
    }

    /** {@code a, b = ...} and {@code [a, b] = ...}: the value must have exactly as many elements. */
    static final class Unpack extends Target {
        private final Target[] elements;

        Unpack(Location location, Target[] elements) {
            super(location);
            this.elements = elements;
        }

        @Override
        void assign(Frame frame, Object value) {
            Object[] values;
            try {
                values = Values.toArray(value, frame.thread);
            } catch (EvalException e) {
                throw new EvalException("got " + Values.type(value) + " in sequence assignment, want iterable").at(location);
            }
            if (values.length != elements.length) {
                String problem = values.length > elements.length ? "too many" : "not enough";
                throw new EvalException(problem + " values to unpack (got " + values.length + ", want "
                        + elements.length + ")").at(location);
            }
            for (int i = 0; i < values.length; i++) {
                elements[i].assign(frame, values[i]);
            }
        }
    }
}
