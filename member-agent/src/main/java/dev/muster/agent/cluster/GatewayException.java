package dev.muster.agent.cluster;

/** The gateway could not be reached, or answered with an error; the message says which and what it said. */
public final class GatewayException extends RuntimeException {
    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
