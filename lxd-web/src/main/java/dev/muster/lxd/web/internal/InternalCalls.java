package dev.muster.lxd.web.internal;

import dev.muster.internaltls.InternalPki;
import java.net.http.HttpClient;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How this process calls the other Muster services: with its internal certificate ({@link InternalPki}) when it
 * was given one, so that their ports, which require it, let it in. Without a PKI (a single service started alone
 * in a test) calls go out without TLS.
 */
public final class InternalCalls {

    private final Optional<InternalPki> pki;
    private final Optional<SSLContext> context;

    public InternalCalls(Optional<InternalPki> pki) {
        this.pki = pki;
        this.context = pki.map(InternalPki::sslContext);
    }

    /** A client builder that presents this process's certificate and trusts only the internal CA. */
    public HttpClient.Builder httpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder();
        context.ifPresent(builder::sslContext);
        return builder;
    }

    /** This process's principal, if it has one. */
    public Optional<InternalPki> principal() {
        return pki;
    }
}
