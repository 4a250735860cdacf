package dev.muster.starlark.eval;

import dev.muster.starlark.EvalException;
import dev.muster.starlark.Location;
import dev.muster.starlark.lib.Attributes;
import dev.muster.starlark.value.Dict;
import dev.muster.starlark.value.Values;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Function calls, method calls, and the creation of function values by def and lambda. */
final class CallNodes {

    private CallNodes() {}

    /**
     * The argument expressions of a call, evaluated in the order they appear. Without names, {@code *} or {@code **}
     * ({@code onlyPositional}) a call needs no keyword map.
     */
    record ArgumentNodes(
            ExprNode[] positional,
            String[] names,
            ExprNode[] named,
            ExprNode star,
            ExprNode starStar,
            boolean onlyPositional) {

        static ArgumentNodes of(
                ExprNode[] positional, String[] names, ExprNode[] named, ExprNode star, ExprNode starStar) {
            return new ArgumentNodes(
                    positional, names, named, star, starStar, names.length == 0 && star == null && starStar == null);
        }

        Object[] positional(Frame frame) {
            return CollectionNodes.evalAll(positional, frame);
        }

        /** Evaluates everything; the positional arguments go into {@code positionalOut[0]}. */
        Map<String, Object> evaluate(Frame frame, Object[][] positionalOut) {
            Object[] values = positional(frame);
            Map<String, Object> keywords = names.length == 0 && starStar == null ? Map.of() : new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                keywords.put(names[i], named[i].eval(frame));
            }
            if (star != null) {
                Object extra = star.eval(frame);
                Object[] more;
                try {
                    more = Values.toArray(extra, frame.thread);
                } catch (EvalException e) {
                    throw new EvalException("argument after * must be iterable, not " + Values.type(extra))
                            .at(star.location());
                }
                values = Arrays.copyOf(values, values.length + more.length);
                System.arraycopy(more, 0, values, values.length - more.length, more.length);
            }
            if (starStar != null) {
                Object extra = starStar.eval(frame);
                if (!(extra instanceof Dict dict)) {
                    throw new EvalException("argument after ** must be a dict, not " + Values.type(extra))
                            .at(starStar.location());
                }
                for (Object key : dict.keys()) {
                    if (!(key instanceof String name)) {
                        throw new EvalException("keywords must be strings, not " + Values.type(key))
                                .at(starStar.location());
                    }
                    if (keywords.put(name, dict.get(key)) != null) {
                        throw new EvalException("got multiple values for keyword argument \"" + name + "\"")
                                .at(starStar.location());
                    }
                }
            }
            positionalOut[0] = values;
            return keywords;
        }
    }

    static Object invoke(
            Location location, Object function, Object[] positional, Map<String, Object> named, Frame frame) {
        if (!(function instanceof StarlarkCallable callable)) {
            throw new EvalException("invalid call of non-function (" + Values.type(function) + ")").at(location);
        }
        try {
            return callable.call(frame.thread, positional, named);
        } catch (EvalException e) {
            throw e.at(location);
        } catch (StackOverflowError e) {
            throw new EvalException("Starlark call stack overflow").at(location);
        }
    }

    record Call(Location location, ExprNode function, ArgumentNodes arguments) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object callee = function.eval(frame);
            if (arguments.onlyPositional()) {
                return invoke(location, callee, arguments.positional(frame), Map.of(), frame);
            }
            Object[][] positional = new Object[1][];
            Map<String, Object> named = arguments.evaluate(frame, positional);
            return invoke(location, callee, positional[0], named, frame);
        }
    }

    /** {@code x.name(...)}: calls a built-in method without creating a bound method value. */
    record MethodCall(Location location, ExprNode receiver, String name, ArgumentNodes arguments) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object self = receiver.eval(frame);
            Method method = Attributes.method(self, name);
            Object callee = method != null ? null : AccessNodes.attribute(location, self, name);
            Object[] positional;
            Map<String, Object> named;
            if (arguments.onlyPositional()) {
                positional = arguments.positional(frame);
                named = Map.of();
            } else {
                Object[][] out = new Object[1][];
                named = arguments.evaluate(frame, out);
                positional = out[0];
            }
            if (method == null) {
                return invoke(location, callee, positional, named, frame);
            }
            try {
                return method.call(frame.thread, self, positional, named);
            } catch (EvalException e) {
                throw e.at(location);
            }
        }
    }

    /** Creates a function value from a def or lambda, evaluating its default values now. */
    record MakeFunction(Location location, FunctionCode code, ExprNode[] defaults) implements ExprNode {
        @Override
        public Object eval(Frame frame) {
            Object[] values = new Object[defaults.length];
            for (int i = 0; i < defaults.length; i++) {
                if (defaults[i] != null) {
                    values[i] = defaults[i].eval(frame);
                }
            }
            return new StarlarkFunction(code, values, frame);
        }
    }
}
