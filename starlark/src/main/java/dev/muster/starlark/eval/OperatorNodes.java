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

    static final class Binary extends ExprNode {
        private final TokenKind op;
        private final ExprNode left;
        private final ExprNode right;

        Binary(Location location, TokenKind op, ExprNode left, ExprNode right) {
            super(location);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Frame frame) {
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
                    default -> { }
                }
            }
            try {
                return Operators.binary(op, x, y, frame.thread);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }

    static final class Unary extends ExprNode {
        private final TokenKind op;
        private final ExprNode operand;

        Unary(Location location, TokenKind op, ExprNode operand) {
            super(location);
            this.op = op;
            this.operand = operand;
        }

        @Override
        Object eval(Frame frame) {
            Object x = operand.eval(frame);
            try {
                return Operators.unary(op, x);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }

    static final class Not extends ExprNode {
        private final ExprNode operand;

        Not(Location location, ExprNode operand) {
            super(location);
            this.operand = operand;
        }

        @Override
        Object eval(Frame frame) {
            return !Values.truth(operand.eval(frame));
        }
    }

    static final class And extends ExprNode {
        private final ExprNode left;
        private final ExprNode right;

        And(Location location, ExprNode left, ExprNode right) {
            super(location);
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Frame frame) {
            Object x = left.eval(frame);
            return Values.truth(x) ? right.eval(frame) : x;
        }
    }

    static final class Or extends ExprNode {
        private final ExprNode left;
        private final ExprNode right;

        Or(Location location, ExprNode left, ExprNode right) {
            super(location);
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Frame frame) {
            Object x = left.eval(frame);
            return Values.truth(x) ? x : right.eval(frame);
        }
    }

    static final class Conditional extends ExprNode {
        private final ExprNode condition;
        private final ExprNode then;
        private final ExprNode otherwise;

        Conditional(Location location, ExprNode condition, ExprNode then, ExprNode otherwise) {
            super(location);
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        Object eval(Frame frame) {
            return Values.truth(condition.eval(frame)) ? then.eval(frame) : otherwise.eval(frame);
        }
    }
}
