package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Location;

/** Constants and reads of variables, each resolved at compile time to a slot. */
final class VariableNodes {

    private VariableNodes() {}

    static final class Constant extends ExprNode {
        private final Object value;

        Constant(Location location, Object value) {
            super(location);
            this.value = value;
        }

        @Override
        Object eval(Frame frame) {
            return value;
        }
    }

    static final class Local extends ExprNode {
        private final String name;
        private final int slot;

        Local(Location location, String name, int slot) {
            super(location);
            this.name = name;
            this.slot = slot;
        }

        @Override
        Object eval(Frame frame) {
            Object value = frame.slots[slot];
            if (value == null) {
                throw new EvalException("local variable " + name + " referenced before assignment").at(location);
            }
            return value;
        }
    }

    /** A local variable of an enclosing function, {@code depth} frames out. */
    static final class Free extends ExprNode {
        private final String name;
        private final int depth;
        private final int slot;

        Free(Location location, String name, int depth, int slot) {
            super(location);
            this.name = name;
            this.depth = depth;
            this.slot = slot;
        }

        @Override
        Object eval(Frame frame) {
            Frame outer = frame;
            for (int i = 0; i < depth; i++) {
                outer = outer.enclosing;
            }
            Object value = outer.slots[slot];
            if (value == null) {
                throw new EvalException("local variable " + name + " referenced before assignment").at(location);
            }
            return value;
        }
    }

    static final class Global extends ExprNode {
        private final String name;
        private final int index;

        Global(Location location, String name, int index) {
            super(location);
            this.name = name;
            this.index = index;
        }

        @Override
        Object eval(Frame frame) {
            Object value = frame.globals.values[index];
            if (value == null) {
                throw new EvalException("global variable " + name + " referenced before assignment").at(location);
            }
            return value;
        }
    }

    static final class Predeclared extends ExprNode {
        private final String name;
        private final int index;

        Predeclared(Location location, String name, int index) {
            super(location);
            this.name = name;
            this.index = index;
        }

        @Override
        Object eval(Frame frame) {
            Object value = frame.globals.predeclared[index];
            if (value == null) {
                throw new EvalException("predeclared name " + name + " has no value in this environment").at(location);
            }
            return value;
        }
    }
}
