package dev.muster.starlark.eval;

/**
 * The variables of one active function call (or of the module's top level): local slots, the frame of the
 * lexically enclosing function (for free variables), and the module's globals.
 */
public final class Frame {

    final Object[] slots;
    final Frame enclosing;
    final Globals globals;
    final StarlarkThread thread;
    Object returnValue;

    Frame(Object[] slots, Frame enclosing, Globals globals, StarlarkThread thread) {
        this.slots = slots;
        this.enclosing = enclosing;
        this.globals = globals;
        this.thread = thread;
    }
}
