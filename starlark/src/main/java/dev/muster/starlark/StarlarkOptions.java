package dev.muster.starlark;

import dev.muster.starlark.host.JavaBridge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compile-time settings: the dialect options and the predeclared names the resolver accepts.
 * The defaults follow the specification, except that if and for statements are allowed at top level
 * (see {@link Builder#allowTopLevelControl(boolean)}).
 */
public final class StarlarkOptions {

    private static final Object UNBOUND = new Object();

    private final boolean allowRecursion;
    private final boolean allowTopLevelControl;
    private final boolean allowGlobalReassign;
    private final boolean allowWhile;
    private final boolean allowLoad;
    private final Map<String, Object> predeclared;

    private StarlarkOptions(Builder builder) {
        this.allowRecursion = builder.allowRecursion;
        this.allowTopLevelControl = builder.allowTopLevelControl;
        this.allowGlobalReassign = builder.allowGlobalReassign;
        this.allowWhile = builder.allowWhile;
        this.allowLoad = builder.allowLoad;
        this.predeclared = Collections.unmodifiableMap(new LinkedHashMap<>(builder.predeclared));
    }

    public static StarlarkOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean allowRecursion() {
        return allowRecursion;
    }

    public boolean allowTopLevelControl() {
        return allowTopLevelControl;
    }

    public boolean allowGlobalReassign() {
        return allowGlobalReassign;
    }

    public boolean allowWhile() {
        return allowWhile;
    }

    public boolean allowLoad() {
        return allowLoad;
    }

    /** The predeclared names, in the order they were declared. */
    public List<String> predeclaredNames() {
        return new ArrayList<>(predeclared.keySet());
    }

    /** The compile-time value of a predeclared name (a Starlark value), or null if it is given per execution. */
    public Object predeclaredValue(String name) {
        Object value = predeclared.get(name);
        return value == UNBOUND ? null : value;
    }

    public static final class Builder {

        private boolean allowRecursion;
        private boolean allowTopLevelControl = true;
        private boolean allowGlobalReassign;
        private boolean allowWhile;
        private boolean allowLoad;
        private final Map<String, Object> predeclared = new LinkedHashMap<>();

        private Builder() {}

        /** Lets a function call itself, directly or indirectly; the specification forbids it. Default false. */
        public Builder allowRecursion(boolean allow) {
            this.allowRecursion = allow;
            return this;
        }

        /**
         * Allows if and for statements (and while, if enabled) outside functions. The specification
         * forbids them; scriptlets commonly use them, so the default is true.
         */
        public Builder allowTopLevelControl(boolean allow) {
            this.allowTopLevelControl = allow;
            return this;
        }

        /** Lets the top level bind a global more than once; the specification forbids it. Default false. */
        public Builder allowGlobalReassign(boolean allow) {
            this.allowGlobalReassign = allow;
            return this;
        }

        /** Enables while loops, which are not part of the specification. Default false. */
        public Builder allowWhile(boolean allow) {
            this.allowWhile = allow;
            return this;
        }

        /** Enables load statements, resolved by the {@link Environment}'s {@link Loader}. Default false. */
        public Builder allowLoad(boolean allow) {
            this.allowLoad = allow;
            return this;
        }

        /** Declares a host function under a name. */
        public Builder predeclare(String name, HostFunction function) {
            predeclared.put(Objects.requireNonNull(name), JavaBridge.function(name, function));
            return this;
        }

        /** Declares a host value under a name, converted as by {@link Starlark#toStarlark(Object)}. */
        public Builder predeclare(String name, Object value) {
            predeclared.put(Objects.requireNonNull(name), JavaBridge.toStarlark(value));
            return this;
        }

        /** Declares a name whose value each execution supplies with {@link Environment.Builder#bind}. */
        public Builder declare(String... names) {
            for (String name : names) {
                predeclared.putIfAbsent(Objects.requireNonNull(name), UNBOUND);
            }
            return this;
        }

        public StarlarkOptions build() {
            return new StarlarkOptions(this);
        }
    }
}
