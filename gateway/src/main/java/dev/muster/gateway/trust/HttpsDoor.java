package dev.muster.gateway.trust;

import org.apache.catalina.connector.Connector;

/** The HTTPS connector once made: its address as clients reach it ({@code core.https_address}). */
public final class HttpsDoor {

    private final String host;
    private final int configuredPort;
    private volatile Connector connector;

    HttpsDoor(String host, int configuredPort) {
        this.host = host;
        this.configuredPort = configuredPort;
    }

    void opened(Connector made) {
        this.connector = made;
    }

    /** The port it listens on (the chosen one when configured as 0), or -1 when closed. */
    public int port() {
        Connector made = connector;
        if (made == null) {
            return -1;
        }
        int local = made.getLocalPort();
        return local > 0 ? local : configuredPort;
    }

    /** {@code host:port}, as LXD lists {@code environment.addresses} and puts them in trust tokens. */
    public String address() {
        return host + ":" + port();
    }
}
