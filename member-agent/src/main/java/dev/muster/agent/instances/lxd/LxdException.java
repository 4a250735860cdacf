package dev.muster.agent.instances.lxd;

import dev.muster.agent.instances.InstanceRuntimeException;

/** The LXD daemon answered with an error (or an operation of it failed); the message is the daemon's text. */
final class LxdException extends InstanceRuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status of the answer, or 0 when an operation failed. */
    private final int status;

    LxdException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    boolean notFound() {
        return status == 404;
    }
}
