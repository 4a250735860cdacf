package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Location;

/** A compiled statement. {@link #exec} returns how control leaves it: normally, or by break, continue or return. */
sealed interface StmtNode
        permits StatementNodes.Expression,
                StatementNodes.Assign,
                StatementNodes.AugmentVariable,
                StatementNodes.AugmentIndex,
                StatementNodes.AugmentField,
                StatementNodes.If,
                StatementNodes.For,
                StatementNodes.While,
                StatementNodes.Return,
                StatementNodes.Jump,
                StatementNodes.Load {

    int NORMAL = 0;
    int BREAK = 1;
    int CONTINUE = 2;
    int RETURN = 3;

    /** Where the statement stands in the source; errors it leaves unplaced are reported there. */
    Location location();

    int exec(Frame frame);

    /** Runs statements in order, counting one step each, until one leaves abnormally. */
    static int execBlock(StmtNode[] block, Frame frame) {
        for (StmtNode statement : block) {
            int completion;
            try {
                frame.thread.tick();
                completion = statement.exec(frame);
            } catch (EvalException e) {
                throw e.at(statement.location());
            }
            if (completion != NORMAL) {
                return completion;
            }
        }
        return NORMAL;
    }
}
