package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Location;
import dev.muster.starlark.syntax.TokenKind;
import dev.muster.starlark.value.IntMath;
import dev.muster.starlark.value.Operators;
import dev.muster.starlark.value.Values;

/** Unary, binary, logical and conditional expressions. */
final class OperatorNodes {

    private OperatorNodes() {}

    record Binary(Location location, TokenKind op, ExprNode left, ExprNode right) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object x = left.eval(frame);
            Object y = right.eval(frame);
            if (x instanceof Long a && y instanceof Long b) {
                switch (op) {
                    case LESS -> {
                        return a < b;
                    }
                    case GREATER -> {
                        return a > b;
                    }
                    case LESS_EQUALS -> {
                        return a <= b;
                    }
                    case GREATER_EQUALS -> {
                        return a >= b;
                    }
                    case EQUALS_EQUALS -> {
                        return a.longValue() == b;
                    }
                    case PLUS -> {
                        return IntMath.add(a, b);
                    }
                    case MINUS -> {
                        return IntMath.subtract(a, b);
                    }
                    default -> {}
                }
            }
            try {
                return Operators.binary(op, x, y, frame.thread);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }

    record Unary(Location location, TokenKind op, ExprNode operand) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object x = operand.eval(frame);
            try {
                return Operators.unary(op, x);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }

    record Not(Location location, ExprNode operand) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            return !Values.truth(operand.eval(frame));
        }
    }

    record And(Location location, ExprNode left, ExprNode right) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object x = left.eval(frame);
            return Values.truth(x) ? right.eval(frame) : x;
        }
    }

    record Or(Location location, ExprNode left, ExprNode right) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object x = left.eval(frame);
            return Values.truth(x) ? x : right.eval(frame);
        }
    }

    record Conditional(Location location, ExprNode condition, ExprNode then, ExprNode otherwise) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            return Values.truth(condition.eval(frame)) ? then.eval(frame) : otherwise.eval(frame);
        }
    }
}
