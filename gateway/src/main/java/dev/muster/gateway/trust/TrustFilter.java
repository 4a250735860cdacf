package dev.muster.gateway.trust;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * LXD's {@code checkTrustedClient} at the gateway's door. A request that did not come over TLS came through the local
 * socket and is trusted. Over TLS the client certificate decides, looked up by fingerprint at every request (so that
 * removing a certificate cuts its client off at its next request): a {@code client} certificate reaches everything
 * (a restricted one only its projects' resources, not the server's configuration nor the trust store), a
 * {@code metrics} one only {@code /1.0/metrics}, and anyone else only {@code GET /}, {@code GET /1.0} and adding
 * their own certificate with a trust token. The rest is LXD's {@code 403 not authorized}.
 */
public final class TrustFilter extends OncePerRequestFilter {

    static final String NOT_AUTHORIZED = "not authorized";
    private static final String DEFAULT_PROJECT = "default";

    private final TrustedCertificates trustStore;
    private final ClusterCertificate clusterCertificate;

    public TrustFilter(TrustedCertificates trustStore, ClusterCertificate clusterCertificate) {
        this.trustStore = trustStore;
        this.clusterCertificate = clusterCertificate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = request.isSecure() ? judge(request) : new Caller(Caller.Kind.LOCAL, null, "", List.of());
        request.setAttribute(Caller.ATTRIBUTE, caller);
        // the project from the query string only: getParameter would read (and use up) a form-encoded body
        if (allowed(caller, request.getMethod(), path(request), project(request.getQueryString()))) {
            chain.doFilter(request, response);
        } else {
            refuse(response);
        }
    }

    private Caller judge(HttpServletRequest request) {
        X509Certificate certificate = presented(request);
        if (certificate == null) {
            return new Caller(Caller.Kind.UNTRUSTED, null, "", List.of());
        }
        String fingerprint = dev.muster.certificates.Certificates.fingerprint(certificate);
        if (fingerprint.equals(clusterCertificate.fingerprint())) {
            return new Caller(Caller.Kind.CLIENT, certificate, fingerprint, List.of());
        }
        return trustStore
                .find(fingerprint)
                .map(trusted -> new Caller(kindOf(trusted), certificate, fingerprint, trusted.projects()))
                .orElseGet(() -> new Caller(Caller.Kind.UNTRUSTED, certificate, fingerprint, List.of()));
    }

    private static Caller.Kind kindOf(TrustedCertificate trusted) {
        return switch (trusted.type()) {
            case TrustedCertificate.METRICS -> Caller.Kind.METRICS;
            case TrustedCertificate.CLIENT -> trusted.restricted() ? Caller.Kind.RESTRICTED_CLIENT : Caller.Kind.CLIENT;
            default -> Caller.Kind.CLIENT; // server: a member's own certificate
        };
    }

    private static X509Certificate presented(HttpServletRequest request) {
        Object chain = request.getAttribute("jakarta.servlet.request.X509Certificate");
        return chain instanceof X509Certificate[] certificates && certificates.length > 0 ? certificates[0] : null;
    }

    /** Whether {@code caller} may send {@code method path}; package-visible for the untrusted matrix. */
    static boolean allowed(Caller caller, String method, String path, String project) {
        if (openToAnyone(method, path)) {
            return true;
        }
        return switch (caller.kind()) {
            case LOCAL, CLIENT -> true;
            case METRICS -> method.equals("GET") && path.equals("/1.0/metrics");
            case UNTRUSTED -> false;
            case RESTRICTED_CLIENT -> restrictedMay(caller, method, path, project);
        };
    }

    private static boolean openToAnyone(String method, String path) {
        return (method.equals("GET")
                        && (path.equals("/") || path.equals("/1.0") || path.startsWith("/actuator/health")))
                || (method.equals("POST") && path.equals("/1.0/certificates")); // with a token; the controller checks
    }

    private static boolean restrictedMay(Caller caller, String method, String path, String project) {
        String wanted = project == null || project.isBlank() ? DEFAULT_PROJECT : project;
        if (!caller.projects().contains(wanted)) {
            return false;
        }
        boolean reading = method.equals("GET");
        boolean serverWide = path.equals("/1.0")
                || path.startsWith("/1.0/certificates")
                || path.startsWith("/1.0/cluster")
                || path.startsWith("/1.0/storage-pools")
                || path.startsWith("/1.0/networks");
        return reading || !serverWide;
    }

    private static String project(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("project=")) {
                return java.net.URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String path(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getOutputStream()
                .write(("{\"type\":\"error\",\"status\":\"\",\"status_code\":0,\"operation\":\"\",\"error_code\":403,"
                                + "\"error\":\"" + NOT_AUTHORIZED + "\",\"metadata\":null}\n")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
