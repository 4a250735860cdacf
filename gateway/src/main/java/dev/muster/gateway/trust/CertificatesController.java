package dev.muster.gateway.trust;

import dev.muster.certificates.Certificates;
import dev.muster.certificates.InvalidCertificate;
import dev.muster.events.operations.Operation;
import dev.muster.gateway.server.ClusterFacts;
import dev.muster.lxd.web.Etags;
import dev.muster.lxd.web.LxdException;
import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.LxdResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /1.0/certificates}: LXD's trust store, and trust tokens ({@code {"token": true}}). */
@RestController
@RequestMapping("/1.0/certificates")
class CertificatesController {

    private static final List<String> TYPES = List.of(TrustedCertificate.CLIENT, TrustedCertificate.METRICS);

    private final TrustedCertificates trustStore;
    private final TrustTokens tokens;
    private final ClusterCertificate clusterCertificate;
    private final ClusterFacts clusterFacts;
    private final HttpsDoor door;
    private final Clock clock = Clock.systemUTC();

    CertificatesController(
            TrustedCertificates trustStore,
            TrustTokens tokens,
            ClusterCertificate clusterCertificate,
            ClusterFacts clusterFacts,
            HttpsDoor door) {
        this.trustStore = trustStore;
        this.tokens = tokens;
        this.clusterCertificate = clusterCertificate;
        this.clusterFacts = clusterFacts;
        this.door = door;
    }

    @GetMapping
    LxdResponse list(@RequestParam(required = false) String recursion) {
        return LxdResponses.list(
                LxdResponses.recursion(recursion), trustStore.all(), c -> "/1.0/certificates/" + c.fingerprint());
    }

    @GetMapping("/{fingerprint}")
    ResponseEntity<LxdResponse> show(@PathVariable String fingerprint) {
        TrustedCertificate certificate = one(fingerprint);
        return LxdResponses.withEtag(certificate, certificate.writable());
    }

    @PostMapping
    ResponseEntity<LxdResponse> add(@RequestBody Map<String, Object> body, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        String name = text(body, "name");
        String type = text(body, "type").isEmpty() ? TrustedCertificate.CLIENT : text(body, "type");
        if (!TYPES.contains(type)) {
            throw LxdException.badRequest("Unknown certificate type %s", type);
        }
        boolean restricted = Boolean.TRUE.equals(body.get("restricted"));
        List<String> projects = projects(body);
        if (!caller.trusted()) {
            return redeem(body, caller, name);
        }
        if (Boolean.TRUE.equals(body.get("token"))) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("name", name);
            shown.put("type", type);
            shown.put("restricted", restricted);
            shown.put("projects", projects);
            shown.put("certificate", "");
            shown.put("password", "");
            shown.put("token", true);
            Operation issued = tokens.issue(
                    new TrustTokens.Grant(name, type, restricted, projects),
                    shown,
                    TokenExpiry.from(remoteTokenExpiry(), clock.instant()),
                    clusterCertificate.fingerprint(),
                    List.of(door.address()));
            return LxdResponses.async(issued);
        }
        X509Certificate certificate = certificateOf(body, caller);
        return added(certificate, name.isEmpty() ? commonName(certificate) : name, type, restricted, projects);
    }

    private ResponseEntity<LxdResponse> redeem(Map<String, Object> body, Caller caller, String name) {
        String token = !text(body, "trust_token").isEmpty() ? text(body, "trust_token") : text(body, "password");
        if (token.isEmpty() || caller.certificate() == null) {
            throw LxdException.forbidden(TrustFilter.NOT_AUTHORIZED);
        }
        Optional<String> secret = TrustTokens.secretOf(token);
        if (secret.isEmpty()) {
            throw LxdException.forbidden("No matching certificate add operation found");
        }
        if (trustStore.find(caller.fingerprint()).isPresent()) {
            throw LxdException.conflict("Certificate already in trust store");
        }
        usableByClient(caller.certificate()); // before the token is used up: nothing half-done
        TrustTokens.Grant grant = tokens.redeem(secret.get());
        return added(
                caller.certificate(),
                name.isEmpty() ? grant.name() : name,
                grant.type(),
                grant.restricted(),
                grant.projects());
    }

    private ResponseEntity<LxdResponse> added(
            X509Certificate certificate, String name, String type, boolean restricted, List<String> projects) {
        usableByClient(certificate);
        String fingerprint = Certificates.fingerprint(certificate);
        if (fingerprint.equals(clusterCertificate.fingerprint())) {
            throw LxdException.badRequest("Invalid certificate: it is the cluster's own certificate");
        }
        boolean fresh = trustStore.add(
                new TrustedCertificate(name, type, restricted, projects, Certificates.toPem(certificate), fingerprint));
        if (!fresh) {
            throw LxdException.conflict("Certificate already in trust store");
        }
        return LxdResponses.created("/1.0/certificates/" + fingerprint);
    }

    private void usableByClient(X509Certificate certificate) {
        try {
            Certificates.checkUsableByClient(certificate, clock.instant());
        } catch (InvalidCertificate e) {
            throw LxdException.badRequest("Invalid certificate: %s", e.getMessage());
        }
    }

    @PutMapping("/{fingerprint}")
    LxdResponse replace(
            @PathVariable String fingerprint,
            @RequestBody Map<String, Object> body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        TrustedCertificate current = one(fingerprint);
        Etags.check(ifMatch, current.writable());
        save(current, body, false);
        return LxdResponse.empty();
    }

    @PatchMapping("/{fingerprint}")
    LxdResponse patch(
            @PathVariable String fingerprint,
            @RequestBody Map<String, Object> body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        TrustedCertificate current = one(fingerprint);
        Etags.check(ifMatch, current.writable());
        save(current, body, true);
        return LxdResponse.empty();
    }

    @DeleteMapping("/{fingerprint}")
    LxdResponse remove(@PathVariable String fingerprint) {
        trustStore.remove(one(fingerprint).fingerprint());
        return LxdResponse.empty();
    }

    private void save(TrustedCertificate current, Map<String, Object> body, boolean merge) {
        String name = body.containsKey("name") || !merge ? text(body, "name") : current.name();
        String type = body.containsKey("type") || !merge ? text(body, "type") : current.type();
        if (type.isEmpty()) {
            type = TrustedCertificate.CLIENT;
        }
        if (!TYPES.contains(type)) {
            throw LxdException.badRequest("Unknown certificate type %s", type);
        }
        boolean restricted = body.containsKey("restricted") || !merge
                ? Boolean.TRUE.equals(body.get("restricted"))
                : current.restricted();
        List<String> projects = body.containsKey("projects") || !merge ? projects(body) : current.projects();
        String pem = current.certificate();
        String fingerprint = current.fingerprint();
        String given = text(body, "certificate");
        if (!given.isEmpty()) {
            X509Certificate replacement = parse(given);
            String next = Certificates.fingerprint(replacement);
            if (!next.equals(fingerprint)) {
                if (trustStore.find(next).isPresent()) {
                    throw LxdException.conflict("Certificate already in trust store");
                }
                pem = Certificates.toPem(replacement);
                fingerprint = next;
            }
        }
        trustStore.replace(
                current.fingerprint(), new TrustedCertificate(name, type, restricted, projects, pem, fingerprint));
    }

    private TrustedCertificate one(String fingerprint) {
        List<TrustedCertificate> matches = trustStore.startingWith(fingerprint);
        if (matches.isEmpty()) {
            throw LxdException.notFound("Certificate not found");
        }
        if (matches.size() > 1) {
            throw LxdException.badRequest("More than one certificate matches");
        }
        return matches.getFirst();
    }

    private X509Certificate certificateOf(Map<String, Object> body, Caller caller) {
        String given = text(body, "certificate");
        if (!given.isEmpty()) {
            return parse(given);
        }
        if (caller.certificate() == null) {
            throw LxdException.badRequest("Can't use TLS data on non-TLS link");
        }
        if (caller.kind() != Caller.Kind.UNTRUSTED) {
            throw LxdException.badRequest("Client is already trusted");
        }
        return caller.certificate();
    }

    private static X509Certificate parse(String given) {
        try {
            return Certificates.parseApiField(given);
        } catch (InvalidCertificate e) {
            throw LxdException.badRequest("Invalid certificate material: %s", e.getMessage());
        }
    }

    private String remoteTokenExpiry() {
        Object value = clusterFacts.current().config().get("core.remote_token_expiry");
        return value == null ? "" : value.toString();
    }

    private static String commonName(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        for (String part : subject.split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return "";
    }

    private static String text(Map<String, Object> body, String key) {
        Object value = body.get(key);
        return value instanceof String s ? s : "";
    }

    private static List<String> projects(Map<String, Object> body) {
        List<String> projects = new ArrayList<>();
        if (body.get("projects") instanceof List<?> list) {
            for (Object project : list) {
                if (!(project instanceof String name)) {
                    throw LxdException.badRequest("Invalid projects: every project must be a name");
                }
                if (!name.equals("default")) {
                    throw LxdException.notFound("Project \"%s\" not found", name);
                }
                projects.add(name);
            }
        }
        return projects;
    }
}
