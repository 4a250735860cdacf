package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Location;
import dev.muster.starlark.lib.Attributes;
import dev.muster.starlark.value.Indexing;
import dev.muster.starlark.value.NoneType;

/** Attribute selection {@code x.f}, indexing {@code x[i]} and slicing {@code x[i:j:k]}. */
final class AccessNodes {

    private AccessNodes() {}

    /** {@code x.name}, an error placed at {@code location}. */
    static Object attribute(Location location, Object x, String name) {
        try {
            return Attributes.get(x, name);
        } catch (EvalException e) {
            throw e.at(location);
        }
    }

    record Dot(Location location, ExprNode object, String name) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            return attribute(location, object.eval(frame), name);
        }
    }

    record Index(Location location, ExprNode object, ExprNode key) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object x = object.eval(frame);
            Object k = key.eval(frame);
            try {
                return Indexing.get(x, k);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }

    /** An absent bound ({@code x[:j]}) is null and slices as None. */
    record Slice(Location location, ExprNode object, ExprNode start, ExprNode stop, ExprNode step) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object x = object.eval(frame);
            Object from = evalOrNone(start, frame);
            Object to = evalOrNone(stop, frame);
            Object stride = evalOrNone(step, frame);
            try {
                return Indexing.slice(x, from, to, stride, frame.thread);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }

        private static Object evalOrNone(ExprNode bound, Frame frame) {
            return bound == null ? NoneType.NONE : bound.eval(frame);
        }
    }
}
