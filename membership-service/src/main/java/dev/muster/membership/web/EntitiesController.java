package dev.muster.membership.web;

import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.LxdResponses;
import dev.muster.membership.application.ClusterService;
import dev.muster.membership.cluster.ClusterEntity;
import dev.muster.membership.cluster.ClusterRejection;
import dev.muster.membership.cluster.ClusterState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Minimal {@code /1.0/storage-pools} and {@code /1.0/networks}: cluster-wide definitions whose member-specific
 * keys are given per member with {@code ?target=}, as LXD creates them in a cluster. Configuration only.
 */
@RestController
class EntitiesController {

    record EntitiesPost(String name, String driver, String type, String description, Map<String, String> config) {}

    private final ClusterService cluster;

    EntitiesController(ClusterService cluster) {
        this.cluster = cluster;
    }

    @GetMapping("/1.0/{collection:storage-pools|networks}")
    LxdResponse list(
            @PathVariable String collection,
            @RequestParam(required = false) String recursion,
            @RequestParam(required = false) String target) {
        String kind = kindOf(collection);
        ClusterState state = cluster.current();
        List<Map<String, Object>> entities = state.entities().values().stream()
                .filter(e -> e.kind().equals(kind))
                .map(e -> view(e, target, state))
                .toList();
        return LxdResponses.list(
                LxdResponses.recursion(recursion), entities, e -> "/1.0/" + collection + "/" + e.get("name"));
    }

    @GetMapping("/1.0/{collection:storage-pools|networks}/{name}")
    LxdResponse get(
            @PathVariable String collection, @PathVariable String name, @RequestParam(required = false) String target) {
        String kind = kindOf(collection);
        ClusterState state = cluster.current();
        ClusterEntity entity = state.findEntity(kind, name)
                .orElseThrow(() -> ClusterRejection.notFound(
                        kind.equals(ClusterEntity.STORAGE_POOL) ? "Storage pool not found" : "Network not found"));
        return LxdResponse.sync(view(entity, target, state));
    }

    @PostMapping("/1.0/{collection:storage-pools|networks}")
    LxdResponse create(
            @PathVariable String collection,
            @RequestBody EntitiesPost post,
            @RequestParam(required = false) String target) {
        String kind = kindOf(collection);
        String driver =
                kind.equals(ClusterEntity.NETWORK) ? (post.type() == null ? "bridge" : post.type()) : post.driver();
        Map<String, String> config = post.config() == null ? Map.of() : post.config();
        if (target == null || target.isBlank()) {
            cluster.executeEvents(c -> c.defineEntity(kind, post.name(), driver, post.description(), config));
        } else {
            cluster.executeEvents(c -> c.setMemberConfig(kind, post.name(), target, driver, config));
        }
        return LxdResponse.empty();
    }

    private static Map<String, Object> view(ClusterEntity entity, String target, ClusterState state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", entity.name());
        view.put(entity.kind().equals(ClusterEntity.NETWORK) ? "type" : "driver", entity.driver());
        view.put("description", entity.description());
        view.put("config", target == null || target.isBlank() ? entity.config() : entity.configFor(target));
        view.put("status", entity.created() ? "Created" : "Pending");
        view.put("locations", locations(entity, state));
        view.put("used_by", List.of());
        if (entity.kind().equals(ClusterEntity.NETWORK)) {
            view.put("managed", true);
        }
        return view;
    }

    /**
     * The members the entity exists on: those that gave their member-specific values, or, for an entity that has
     * none (such as the {@code dir} pool bootstrap creates), every member, as LXD lists it.
     */
    private static List<String> locations(ClusterEntity entity, ClusterState state) {
        if (entity.created() && entity.perMember().isEmpty()) {
            return state.members().keySet().stream().sorted().toList();
        }
        return entity.locations();
    }

    private static String kindOf(String collection) {
        return collection.equals("networks") ? ClusterEntity.NETWORK : ClusterEntity.STORAGE_POOL;
    }
}
