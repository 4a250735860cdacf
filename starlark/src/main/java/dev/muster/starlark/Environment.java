package dev.muster.starlark;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The per-execution settings of a Starlark program: where {@code print} goes, the limits that keep an
 * untrusted script from running away, the cancellation handle, and values for predeclared names.
 * Immutable; one Environment may serve many executions, each getting its own step counter.
 */
public final class Environment {

    private final Consumer<String> print;
    private final long maxSteps;
    private final int maxCollectionSize;
    private final int maxStringLength;
    private final int maxCallDepth;
    private final long maxAllocatedBytes;
    private final Duration timeout;
    private final Cancellation cancellation;
    private final Map<String, Object> bindings;
    private final Loader loader;

    private Environment(Builder builder) {
        this.print = builder.print;
        this.maxSteps = builder.maxSteps;
        this.maxCollectionSize = builder.maxCollectionSize;
        this.maxStringLength = builder.maxStringLength;
        this.maxCallDepth = builder.maxCallDepth;
        this.maxAllocatedBytes = builder.maxAllocatedBytes;
        this.timeout = builder.timeout;
        this.cancellation = builder.cancellation;
        this.bindings = Map.copyOf(builder.bindings);
        this.loader = builder.loader;
    }

    /** Default limits, print discarded, no timeout, no cancellation. */
    public static Environment defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Consumer<String> print() {
        return print;
    }

    public long maxSteps() {
        return maxSteps;
    }

    public int maxCollectionSize() {
        return maxCollectionSize;
    }

    public int maxStringLength() {
        return maxStringLength;
    }

    public int maxCallDepth() {
        return maxCallDepth;
    }

    /** The most heap one execution may allocate (garbage included), or 0 for no limit. */
    public long maxAllocatedBytes() {
        return maxAllocatedBytes;
    }

    /** The wall-clock limit of one execution or call, or null for none. */
    public Duration timeout() {
        return timeout;
    }

    /** The cancellation handle, or null. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** Values for predeclared names, as Java values. */
    public Map<String, Object> bindings() {
        return bindings;
    }

    /** The loader for load statements, or null. */
    public Loader loader() {
        return loader;
    }

    public static final class Builder {

        private static final long DEFAULT_MAX_STEPS = 10_000_000;
        private static final int DEFAULT_MAX_COLLECTION_SIZE = 1_000_000;
        private static final int DEFAULT_MAX_STRING_LENGTH = 10_000_000;
        private static final int DEFAULT_MAX_CALL_DEPTH = 200;

        private Consumer<String> print = line -> {};
        private long maxSteps = DEFAULT_MAX_STEPS;
        private int maxCollectionSize = DEFAULT_MAX_COLLECTION_SIZE;
        private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
        private int maxCallDepth = DEFAULT_MAX_CALL_DEPTH;
        private long maxAllocatedBytes;
        private Duration timeout;
        private Cancellation cancellation;
        private final Map<String, Object> bindings = new LinkedHashMap<>();
        private Loader loader;

        private Builder() {}

        /** Receives each line {@code print} writes, without the newline. Default: discarded. */
        public Builder print(Consumer<String> print) {
            this.print = Objects.requireNonNull(print);
            return this;
        }

        /** The step budget: statements, loop iterations and calls. Default 10,000,000. */
        public Builder maxSteps(long maxSteps) {
            this.maxSteps = positive(maxSteps);
            return this;
        }

        /** The largest number of elements a list, tuple, dict or set may have. Default 1,000,000. */
        public Builder maxCollectionSize(int maxCollectionSize) {
            this.maxCollectionSize = (int) positive(maxCollectionSize);
            return this;
        }

        /** The largest number of characters (or bytes) a string (or bytes) may have. Default 10,000,000. */
        public Builder maxStringLength(int maxStringLength) {
            this.maxStringLength = (int) positive(maxStringLength);
            return this;
        }

        /** The deepest nesting of Starlark function calls. Default 200. */
        public Builder maxCallDepth(int maxCallDepth) {
            this.maxCallDepth = (int) positive(maxCallDepth);
            return this;
        }

        /**
         * The most heap one execution or call may allocate, counted by the JVM for the thread that runs it (garbage
         * included): many values each within the size limits can still exhaust a heap. Default: none.
         */
        public Builder maxAllocatedBytes(long maxAllocatedBytes) {
            this.maxAllocatedBytes = positive(maxAllocatedBytes);
            return this;
        }

        /** A wall-clock limit for each execution or call. Default: none. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder cancellation(Cancellation cancellation) {
            this.cancellation = cancellation;
            return this;
        }

        /**
         * Gives a value to a predeclared name for this execution (a Java value, converted as by
         * {@link Starlark#toStarlark(Object)}, or a {@link HostFunction}). The name must be declared in
         * {@link StarlarkOptions}.
         */
        public Builder bind(String name, Object value) {
            bindings.put(Objects.requireNonNull(name), value);
            return this;
        }

        public Builder loader(Loader loader) {
            this.loader = loader;
            return this;
        }

        public Environment build() {
            return new Environment(this);
        }

        private static long positive(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("limit must be positive: " + value);
            }
            return value;
        }
    }
}
