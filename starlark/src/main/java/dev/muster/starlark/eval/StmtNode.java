package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Location;

/** A compiled statement. {@link #exec} returns how control leaves it: normally, or by break, continue or return. */
abstract class StmtNode {

    static final int NORMAL = 0;
    static final int BREAK = 1;
    static final int CONTINUE = 2;
    static final int RETURN = 3;

    final Location location;

    StmtNode(Location location) {
        this.location = location;
    }

    abstract int exec(Frame frame);

    /** Runs statements in order, counting one step each, until one leaves abnormally. */
    static int execBlock(StmtNode[] block, Frame frame) {
        for (StmtNode statement : block) {
            int completion;
            try {
                frame.thread.tick();
                completion = statement.exec(frame);
            } catch (EvalException e) {
                throw e.at(statement.location);
            }
            if (completion != NORMAL) {
                return completion;
            }
        }
        return NORMAL;
    }
}
