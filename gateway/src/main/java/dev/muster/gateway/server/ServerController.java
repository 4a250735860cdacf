package dev.muster.gateway.server;

import dev.muster.gateway.trust.Caller;
import dev.muster.gateway.trust.ClusterCertificate;
import dev.muster.gateway.trust.HttpsDoor;
import dev.muster.lxd.web.LxdResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /} and {@code GET /1.0}: what this server is and which API extensions it speaks. */
@RestController
class ServerController {

    /** LXD API extensions Muster implements or accepts, in LXD's order; clients test for them by name. */
    static final List<String> API_EXTENSIONS = List.of(
            "etag",
            "clustering",
            "clustering_images",
            "clustering_roles",
            "clustering_edit_roles",
            "clustering_sizing",
            "clustering_join",
            "clustering_server_address",
            "clustering_join_token",
            "clustering_description",
            "clustering_failure_domains",
            "clustering_config",
            "clustering_evacuation",
            "clustering_groups",
            "clustering_update_cert",
            "clustering_evacuation_live",
            "instances_placement_scriptlet",
            "cluster_healing",
            "clustering_restore_skip_mode",
            "operation_wait",
            "resources",
            "instances",
            "event_lifecycle",
            "api_filtering",
            "certificate_update",
            "certificate_project",
            "certificate_token");

    private final String version;
    private final HttpsDoor httpsDoor;
    private final ClusterFacts clusterFacts;
    private final ClusterCertificate clusterCertificate;

    ServerController(
            @Value("${muster.version:0.1.0}") String version,
            ClusterFacts clusterFacts,
            ClusterCertificate clusterCertificate,
            HttpsDoor httpsDoor) {
        this.version = version;
        this.httpsDoor = httpsDoor;
        this.clusterFacts = clusterFacts;
        this.clusterCertificate = clusterCertificate;
    }

    @GetMapping("/")
    LxdResponse root() {
        return LxdResponse.sync(List.of("/1.0"));
    }

    @GetMapping({"/1.0", "/1.0/"})
    LxdResponse server(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        if (!caller.trusted()) {
            // LXD's ServerUntrusted: only what anyone may know
            Map<String, Object> untrusted = new LinkedHashMap<>();
            untrusted.put("api_extensions", API_EXTENSIONS);
            untrusted.put("api_status", "stable");
            untrusted.put("api_version", "1.0");
            untrusted.put("auth", "untrusted");
            untrusted.put("public", false);
            untrusted.put("auth_methods", List.of("tls"));
            return LxdResponse.sync(untrusted);
        }
        ClusterFacts.Facts facts = clusterFacts.current();
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("addresses", List.of(httpsDoor.address()));
        environment.put("architectures", List.of("x86_64", "aarch64"));
        environment.put("certificate", clusterCertificate.pem());
        environment.put("certificate_fingerprint", clusterCertificate.fingerprint());
        environment.put("driver", "muster");
        environment.put("driver_version", version);
        environment.put("firewall", "");
        environment.put("kernel", System.getProperty("os.name"));
        environment.put("kernel_architecture", System.getProperty("os.arch"));
        environment.put("kernel_features", Map.of());
        environment.put("kernel_version", System.getProperty("os.version"));
        environment.put("lxc_features", Map.of());
        environment.put("os_name", "Muster");
        environment.put("os_version", version);
        environment.put("project", "default");
        environment.put("server", "lxd");
        environment.put("server_clustered", facts.clustered());
        environment.put("server_event_mode", "full-mesh");
        environment.put("server_name", facts.serverName());
        environment.put("server_pid", ProcessHandle.current().pid());
        environment.put("server_version", "5.21.0");
        environment.put("storage", "");
        environment.put("storage_version", "");
        environment.put("storage_supported_drivers", List.of());
        environment.put("instance_types", List.of("container", "virtual-machine"));

        Map<String, Object> server = new LinkedHashMap<>();
        server.put("config", facts.config());
        server.put("api_extensions", API_EXTENSIONS);
        server.put("api_status", "stable");
        server.put("api_version", "1.0");
        server.put("auth", "trusted");
        server.put("public", false);
        server.put("auth_methods", List.of("tls"));
        boolean local = caller.kind() == Caller.Kind.LOCAL;
        server.put("auth_user_name", local ? "" : caller.fingerprint());
        server.put("auth_user_method", local ? "unix" : "tls");
        server.put("environment", environment);
        return LxdResponse.sync(server);
    }
}
