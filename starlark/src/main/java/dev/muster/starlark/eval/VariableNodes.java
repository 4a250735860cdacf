package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Location;

/** Constants and reads of variables, each resolved at compile time to a slot. */
final class VariableNodes {

    private VariableNodes() {}

    /** Fails a read of a variable that has no value yet; declared to return so that a read can end in it. */
    private static Object unassigned(Location location, String problem) {
        throw new EvalException(problem).at(location);
    }

    private static String localProblem(String name) {
        return "local variable " + name + " referenced before assignment";
    }

    record Constant(Location location, Object value) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            return value;
        }
    }

    record Local(Location location, String name, int slot) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object value = frame.slots[slot];
            return value != null ? value : unassigned(location, localProblem(name));
        }
    }

    /** A local variable of an enclosing function, {@code depth} frames out. */
    record Free(Location location, String name, int depth, int slot) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Frame outer = frame;
            for (int i = 0; i < depth; i++) {
                outer = outer.enclosing;
            }
            Object value = outer.slots[slot];
            return value != null ? value : unassigned(location, localProblem(name));
        }
    }

    record Global(Location location, String name, int index) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object value = frame.globals.values[index];
            return value != null
                    ? value
                    : unassigned(location, "global variable " + name + " referenced before assignment");
        }
    }

    record Predeclared(Location location, String name, int index) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object value = frame.globals.predeclared[index];
            return value != null
                    ? value
                    : unassigned(location, "predeclared name " + name + " has no value in this environment");
        }
    }
}
