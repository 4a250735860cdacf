package dev.muster.gateway.trust;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTPS door asks every client for a certificate but judges it itself, by fingerprint against the trust store,
 * as LXD does: the TLS layer accepts any certificate and names no acceptable issuers (a client such as {@code lxc}
 * then sends its self-signed one). A client without a certificate is let in as untrusted.
 */
public final class AcceptAnyClientCertificate implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // trust is decided per request by TrustFilter
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("the gateway is no TLS client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
