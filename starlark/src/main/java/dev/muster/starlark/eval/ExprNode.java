package dev.muster.starlark.eval;

import dev.muster.starlark.Location;

/** A compiled expression: evaluates to a value in a frame. */
sealed interface ExprNode
        permits VariableNodes.Constant,
                VariableNodes.Local,
                VariableNodes.Free,
                VariableNodes.Global,
                VariableNodes.Predeclared,
                OperatorNodes.Binary,
                OperatorNodes.Unary,
                OperatorNodes.Not,
                OperatorNodes.And,
                OperatorNodes.Or,
                OperatorNodes.Conditional,
                AccessNodes.Dot,
                AccessNodes.Index,
                AccessNodes.Slice,
                CollectionNodes.ListDisplay,
                CollectionNodes.TupleDisplay,
                CollectionNodes.DictDisplay,
                CollectionNodes.Comprehension,
                CallNodes.Call,
                CallNodes.MethodCall,
                CallNodes.MakeFunction {

    /** Where the expression stands in the source; errors of its own evaluation are reported there. */
    Location location();

    Object eval(Frame frame);
}
