package dev.muster.lxd.web.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code muster.internal-tls}: where the internal PKI is ({@code bin/muster-pki}'s directory; empty: none, the
 * port is plain HTTP and a warning says so), whose certificate this process holds, whether its own port requires
 * a client certificate of the internal CA (the gateway's port is the public door and says no), and which
 * requests ({@code METHOD PATTERN}, e.g. {@code GET /1.0/images/*}{@code /export}) a member agent's certificate may
 * make (nothing else).
 */
@ConfigurationProperties("muster.internal-tls")
public record InternalTlsProperties(
        String directory, String name, @DefaultValue("true") boolean serve, List<String> memberAgentPaths) {

    public InternalTlsProperties {
        directory = directory == null ? "" : directory.strip();
        name = name == null ? "" : name.strip();
        memberAgentPaths = memberAgentPaths == null ? List.of() : List.copyOf(memberAgentPaths);
    }
}
