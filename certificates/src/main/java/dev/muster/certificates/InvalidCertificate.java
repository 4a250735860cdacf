package dev.muster.certificates;

/** A certificate that cannot be used, with the reason in words a client can act on. */
public final class InvalidCertificate extends RuntimeException {

    public InvalidCertificate(String reason) {
        super(reason, null, false, false);
    }
}
