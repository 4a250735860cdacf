package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Location;
import dev.muster.starlark.lib.Attributes;
import dev.muster.starlark.value.Indexing;
import dev.muster.starlark.value.NoneType;

/** Attribute selection {@code x.f}, indexing {@code x[i]} and slicing {@code x[i:j:k]}. */
final class AccessNodes {

    private AccessNodes() {}

    static final class Dot extends ExprNode {
        private final ExprNode object;
        private final String name;

        Dot(Location location, ExprNode object, String name) {
            super(location);
            this.object = object;
            this.name = name;
        }

        @Override
        Object eval(Frame frame) {
            Object x = object.eval(frame);
            try {
                return Attributes.get(x, name);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }

    static final class Index extends ExprNode {
        private final ExprNode object;
        private final ExprNode key;

        Index(Location location, ExprNode object, ExprNode key) {
            super(location);
            this.object = object;
            this.key = key;
        }

        @Override
        Object eval(Frame frame) {
            Object x = object.eval(frame);
            Object k = key.eval(frame);
            try {
                return Indexing.get(x, k);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }

    static final class Slice extends ExprNode {
        private final ExprNode object;
        private final ExprNode start;
        private final ExprNode stop;
        private final ExprNode step;

        Slice(Location location, ExprNode object, ExprNode start, ExprNode stop, ExprNode step) {
            super(location);
            this.object = object;
            this.start = start;
            this.stop = stop;
            this.step = step;
        }

        @Override
        Object eval(Frame frame) {
            Object x = object.eval(frame);
            Object from = start == null ? NoneType.NONE : start.eval(frame);
            Object to = stop == null ? NoneType.NONE : stop.eval(frame);
            Object stride = step == null ? NoneType.NONE : step.eval(frame);
            try {
                return Indexing.slice(x, from, to, stride, frame.thread);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }
}
