package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;

/** A resolved and compiled file, ready to execute any number of times; immutable. */
public final class CompiledProgram {

    private final String file;
    private final StmtNode[] body;
    private final int frameSize;
    private final String[] globalNames;
    private final String[] predeclaredNames;

    CompiledProgram(String file, StmtNode[] body, int frameSize, String[] globalNames, String[] predeclaredNames) {
        this.file = file;
        this.body = body;
        this.frameSize = frameSize;
        this.globalNames = globalNames;
        this.predeclaredNames = predeclaredNames;
    }

    public String file() {
        return file;
    }

    /**
     * Runs the top-level statements with the given predeclared values (in declaration order), then
     * freezes every value the execution created. Fails with an {@link EvalException} carrying the call stack.
     */
    public Globals execute(StarlarkThread thread, Object[] predeclared) {
        Globals globals = new Globals(globalNames, predeclaredNames, predeclared);
        Frame frame = new Frame(new Object[frameSize], null, globals, thread);
        try {
            StmtNode.execBlock(body, frame);
        } catch (StackOverflowError e) {
            throw new EvalException("Starlark call stack overflow");
        } finally {
            thread.mutability().freeze();
        }
        return globals;
    }
}
