package dev.muster.lxd.web.internal;

import dev.muster.lxd.web.LxdResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A member agent is a principal of its own, not a service: its certificate reaches only the requests the service
 * lists for it as {@code METHOD PATTERN} (the image service: {@code GET} of its exports); anything else is LXD's
 * {@code 403 not authorized}.
 */
final class MemberAgentLimit extends OncePerRequestFilter {

    static final String MEMBER_AGENT = "member-agent";
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final List<String> allowedPaths;
    private final AntPathMatcher paths = new AntPathMatcher();
    private final JsonMapper json = JsonMapper.builder().build();

    MemberAgentLimit(List<String> allowedPaths) {
        this.allowedPaths = List.copyOf(allowedPaths);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (MEMBER_AGENT.equals(commonName(request)) && !allowed(request)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(LxdResponse.error(403, "not authorized")));
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean allowed(HttpServletRequest request) {
        String method = "HEAD".equals(request.getMethod()) ? "GET" : request.getMethod();
        String path = request.getRequestURI();
        return allowedPaths.stream().anyMatch(allowed -> {
            String[] parts = allowed.strip().split("\\s+", 2);
            return parts.length == 2 && parts[0].equals(method) && paths.match(parts[1], path);
        });
    }

    /** The CN of the caller's certificate; null when it presented none (the port's TLS then refused it already). */
    static String commonName(HttpServletRequest request) {
        if (!(request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain) || chain.length == 0) {
            return null;
        }
        try {
            for (Rdn rdn : new LdapName(chain[0].getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
