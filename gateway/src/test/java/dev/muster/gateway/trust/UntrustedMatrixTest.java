package dev.muster.gateway.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.gateway.routing.OwningService;
import dev.muster.testing.WithInfrastructure;
import dev.muster.testing.tls.HttpsClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every route of the gateway's routing table — its own handlers, its servlets, and each owning service behind the
 * proxy — called over HTTPS by a client whose certificate is not trusted answers LXD's {@code 403 not authorized}.
 * Only {@code GET /} and {@code GET /1.0} answer (the latter as {@code auth: untrusted}). The matrix is generated
 * from the routing table at run time, so a new route is covered without touching this test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "muster.gateway.services.membership=http://127.0.0.1:9",
            "muster.gateway.services.scheduler=http://127.0.0.1:9",
            "muster.gateway.services.images=http://127.0.0.1:9",
            "muster.gateway.services.health=http://127.0.0.1:9",
            "muster.gateway.connect-timeout=1s"
        })
@WithInfrastructure
class UntrustedMatrixTest {

    private static final List<String> ALL_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> OPEN = Set.of("GET /", "GET /1.0");

    /** One path per owning service behind the proxy's {@code /1.0/**}; checked below to cover every service. */
    private static final List<String> PROXIED = List.of(
            "/1.0/cluster",
            "/1.0/cluster/members",
            "/1.0/cluster/members/m1",
            "/1.0/cluster/members/m1/state",
            "/1.0/cluster/groups/g",
            "/1.0/storage-pools/default",
            "/1.0/networks/n",
            "/1.0/instances",
            "/1.0/instances/c1",
            "/1.0/images",
            "/1.0/images/abc/export");

    @Autowired
    HttpsDoor door;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteWithoutATrustedCertificateIsNotAuthorized() {
        Set<String> calls = routingTable();
        HttpsClient stranger =
                HttpsClient.with(URI.create("https://127.0.0.1:" + door.port()), HttpsClient.newIdentity("stranger"));
        HttpsClient anonymous = HttpsClient.anonymous(URI.create("https://127.0.0.1:" + door.port()));

        List<String> letThrough = new ArrayList<>();
        for (String call : calls) {
            String method = call.substring(0, call.indexOf(' '));
            String path = call.substring(call.indexOf(' ') + 1);
            for (HttpsClient client : List.of(stranger, anonymous)) {
                HttpsClient.Answer answer = client.send(method, path, method.equals("GET") ? null : "{}");
                boolean refused = answer.status() == 403 && answer.body().contains("\"error\":\"not authorized\"");
                String normalised =
                        path.length() > 1 && path.endsWith("/") ? call.substring(0, call.length() - 1) : call;
                if (OPEN.contains(normalised) == refused) {
                    letThrough.add(call + " → " + answer.status() + " " + answer.body());
                }
            }
        }

        assertThat(calls).hasSizeGreaterThan(30).contains("GET /1.0/operations", "DELETE /1.0/certificates/x");
        assertThat(letThrough).isEmpty();
    }

    @Test
    void theProxiedSamplesCoverEveryOwningService() {
        Set<OwningService> covered = EnumSet.noneOf(OwningService.class);
        for (String path : PROXIED) {
            for (String method : ALL_METHODS) {
                OwningService.of(method, path).ifPresent(covered::add);
            }
        }
        assertThat(covered).containsExactlyInAnyOrder(OwningService.values());
    }

    private Set<String> routingTable() {
        Set<String> calls = new LinkedHashSet<>();
        for (RequestMappingInfo info : handlers.getHandlerMethods().keySet()) {
            Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
            List<String> methods = declared.isEmpty()
                    ? ALL_METHODS
                    : declared.stream().map(Enum::name).toList();
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                String text = pattern.getPatternString();
                List<String> paths = text.endsWith("/**") ? PROXIED : List.of(text.replaceAll("\\{[^}]+}", "x"));
                for (String method : methods) {
                    paths.forEach(path -> calls.add(method + " " + path));
                }
            }
        }
        for (ServletRegistrationBean<?> servlet :
                context.getBeansOfType(ServletRegistrationBean.class).values()) {
            for (String mapping : servlet.getUrlMappings()) {
                if (!mapping.equals("/")) {
                    calls.add("GET " + mapping.replace("/*", "/x"));
                }
            }
        }
        return calls;
    }
}
