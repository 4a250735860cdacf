package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.value.Dict;
import dev.muster.starlark.value.NoneType;
import dev.muster.starlark.value.Printer;
import dev.muster.starlark.value.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A function defined in Starlark by def or lambda: its code, default values and enclosing frame. */
public final class StarlarkFunction implements StarlarkCallable {

    private final FunctionCode code;
    private final Object[] defaults;
    private final Frame enclosing;

    StarlarkFunction(FunctionCode code, Object[] defaults, Frame enclosing) {
        this.code = code;
        this.defaults = defaults;
        this.enclosing = enclosing;
    }

    @Override
    public String name() {
        return code.name;
    }

    @Override
    public Object call(StarlarkThread thread, Object[] positional, Map<String, Object> named) {
        Object[] slots = new Object[code.frameSize];
        bind(slots, positional, named, thread);
        thread.enter(code);
        try {
            Frame frame = new Frame(slots, enclosing, enclosing.globals, thread);
            int completion = StmtNode.execBlock(code.body, frame);
            return completion == StmtNode.RETURN ? frame.returnValue : NoneType.NONE;
        } catch (EvalException e) {
            e.leaveFunction(code.name);
            throw e;
        } finally {
            thread.exit();
        }
    }

    private void bind(Object[] slots, Object[] positional, Map<String, Object> named, StarlarkThread thread) {
        int positionalCount = code.positionalCount;
        int slot = code.namedParameterCount();
        if (positional.length > positionalCount && !code.hasVarargs) {
            throw new EvalException("function " + code.name + " accepts " + positionalCount + " positional argument"
                    + (positionalCount == 1 ? "" : "s") + " (" + positional.length + " given)");
        }
        System.arraycopy(positional, 0, slots, 0, Math.min(positional.length, positionalCount));
        if (code.hasVarargs) {
            slots[slot++] = positional.length > positionalCount
                    ? Tuple.wrap(Arrays.copyOfRange(positional, positionalCount, positional.length))
                    : Tuple.EMPTY;
        }
        Dict kwargs = code.hasKwargs ? new Dict(thread.mutability()) : null;
        if (kwargs != null) {
            slots[slot] = kwargs;
        }
        if (!named.isEmpty()) {
            for (Map.Entry<String, Object> argument : named.entrySet()) {
                Integer index = code.parameterSlots.get(argument.getKey());
                if (index == null) {
                    if (kwargs == null) {
                        throw new EvalException("function " + code.name + " got unexpected keyword argument \""
                                + argument.getKey() + "\"");
                    }
                    kwargs.put(argument.getKey(), argument.getValue(), thread);
                } else if (slots[index] != null) {
                    throw new EvalException("function " + code.name + " got multiple values for parameter \""
                            + argument.getKey() + "\"");
                } else {
                    slots[index] = argument.getValue();
                }
            }
        }
        List<String> missing = null;
        for (int i = 0; i < code.namedParameterCount(); i++) {
            if (slots[i] == null) {
                slots[i] = defaults[i];
                if (slots[i] == null) {
                    if (missing == null) {
                        missing = new ArrayList<>();
                    }
                    missing.add(code.parameterNames[i]);
                }
            }
        }
        if (missing != null) {
            throw new EvalException("function " + code.name + " missing " + missing.size() + " argument"
                    + (missing.size() == 1 ? "" : "s") + " (" + String.join(", ", missing) + ")");
        }
    }

    @Override
    public String type() {
        return "function";
    }

    @Override
    public void repr(Printer printer) {
        printer.append("<function " + code.name + ">");
    }
}
