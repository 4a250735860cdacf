package dev.muster.gateway.trust;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Who sent a request, as the trust filter judged it: the local socket (trusted, like LXD's unix socket), a client by
 * its certificate, or nobody the gateway knows.
 */
public record Caller(Kind kind, X509Certificate certificate, String fingerprint, List<String> projects) {

    /** The request attribute that carries it. */
    static final String ATTRIBUTE = Caller.class.getName();

    public enum Kind {
        /** the unix socket (or the loopback development port) */
        LOCAL,
        /** a trusted client certificate of type client (or the cluster's own, or a member's) */
        CLIENT,
        /** a client certificate of type client with {@code restricted} */
        RESTRICTED_CLIENT,
        /** a certificate of type metrics: only {@code /1.0/metrics} */
        METRICS,
        /** no certificate, or one the trust store does not hold */
        UNTRUSTED
    }

    public static Caller of(HttpServletRequest request) {
        Object caller = request.getAttribute(ATTRIBUTE);
        return caller instanceof Caller known ? known : new Caller(Kind.LOCAL, null, "", List.of());
    }

    public boolean trusted() {
        return kind == Kind.LOCAL || kind == Kind.CLIENT || kind == Kind.RESTRICTED_CLIENT;
    }
}
