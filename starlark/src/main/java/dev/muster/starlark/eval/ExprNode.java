package dev.muster.starlark.eval;

import dev.muster.starlark.Location;

/** A compiled expression: evaluates to a value in a frame. */
abstract class ExprNode {

    final Location location;

    ExprNode(Location location) {
        this.location = location;
    }

    abstract Object eval(Frame frame);
}
