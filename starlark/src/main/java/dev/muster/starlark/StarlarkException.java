package dev.muster.starlark;

/** Base of the exceptions a host sees when compiling or running a Starlark program. */
public abstract sealed class StarlarkException extends RuntimeException
        permits StarlarkCompileError, StarlarkEvalError {

    protected StarlarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
