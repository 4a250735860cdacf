package dev.muster.gateway.trust;

import dev.muster.certificates.Identity;

/** The certificate this gateway presents on its HTTPS door, and its fingerprint, as {@code GET /1.0} shows them. */
public final class ClusterCertificate {

    private final Identity identity;

    ClusterCertificate(Identity identity) {
        this.identity = identity;
    }

    Identity identity() {
        return identity;
    }

    public String pem() {
        return identity.certificatePem();
    }

    public String fingerprint() {
        return identity.fingerprint();
    }
}
