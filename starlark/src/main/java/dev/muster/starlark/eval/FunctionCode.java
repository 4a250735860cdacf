package dev.muster.starlark.eval;

import java.util.Map;

/**
 * The compiled form of a def or lambda, shared by every function value created from it.
 * Parameters occupy the first slots of the frame: positional ones, then keyword-only ones,
 * then {@code *args} and {@code **kwargs} if present.
 */
final class FunctionCode {

    final String name;
    final String[] parameterNames;
    final int positionalCount;
    final int keywordOnlyCount;
    final boolean hasVarargs;
    final boolean hasKwargs;
    final Map<String, Integer> parameterSlots;
    final boolean allowRecursion;
    int frameSize;
    StmtNode[] body;

    FunctionCode(
            String name,
            String[] parameterNames,
            int positionalCount,
            int keywordOnlyCount,
            boolean hasVarargs,
            boolean hasKwargs,
            Map<String, Integer> parameterSlots,
            boolean allowRecursion) {
        this.name = name;
        this.parameterNames = parameterNames;
        this.positionalCount = positionalCount;
        this.keywordOnlyCount = keywordOnlyCount;
        this.hasVarargs = hasVarargs;
        this.hasKwargs = hasKwargs;
        this.parameterSlots = parameterSlots;
        this.allowRecursion = allowRecursion;
    }

    int namedParameterCount() {
        return positionalCount + keywordOnlyCount;
    }
}
