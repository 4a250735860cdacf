package dev.muster.agent.instances;

/** The runtime refused or failed an instance's action; the message is its own reason (the daemon's error text). */
public class InstanceRuntimeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InstanceRuntimeException(String message) {
        super(message);
    }

    public InstanceRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
