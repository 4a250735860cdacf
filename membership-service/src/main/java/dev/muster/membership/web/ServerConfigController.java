package dev.muster.membership.web;

import dev.muster.lxd.web.LxdResponse;
import dev.muster.membership.application.ClusterService;
import dev.muster.membership.cluster.ClusterState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cluster-wide server configuration: {@code PUT}/{@code PATCH /1.0} (routed here by the gateway), and
 * {@code GET /internal/server}, from which the gateway fills {@code config} and the cluster fields of {@code GET /1.0}.
 */
@RestController
class ServerConfigController {

    record ServerPut(Map<String, String> config) {}

    private final ClusterService cluster;

    ServerConfigController(ClusterService cluster) {
        this.cluster = cluster;
    }

    @PutMapping("/1.0")
    LxdResponse put(@RequestBody ServerPut put) {
        cluster.executeEvents(c -> c.configure(put.config() == null ? Map.of() : put.config(), false));
        return LxdResponse.empty();
    }

    @PatchMapping("/1.0")
    LxdResponse patch(@RequestBody ServerPut patch) {
        cluster.executeEvents(c -> c.configure(patch.config() == null ? Map.of() : patch.config(), true));
        return LxdResponse.empty();
    }

    @GetMapping("/internal/server")
    LxdResponse server() {
        ClusterState state = cluster.current();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("config", state.config().asSet());
        server.put("server_clustered", state.enabled());
        server.put("server_name", state.enabled() ? state.leader() : "none");
        return LxdResponse.sync(server);
    }
}
