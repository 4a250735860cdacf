package dev.muster.gateway.operations;

/** Operations the gateway itself runs (trust tokens): it cancels them itself instead of asking a service. */
public interface GatewayOwnedOperations {

    /** The owner (and {@code location}) of the gateway's own operations; not a service name, so never confused with one. */
    String OWNER = "gateway-trust";

    /** Cancels a running operation of the gateway's; returns once it is recorded as cancelled. */
    void cancel(String id);
}
