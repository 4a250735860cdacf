package dev.muster.membership.web;

import dev.muster.lxd.web.Etags;
import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.LxdResponses;
import dev.muster.membership.application.ClusterService;
import dev.muster.membership.cluster.ClusterRejection;
import dev.muster.membership.cluster.ClusterState;
import java.util.List;
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

/** {@code /1.0/cluster/groups}: cluster groups; {@code default} holds every new member. */
@RestController
@RequestMapping("/1.0/cluster/groups")
class GroupsController {

    record GroupView(String name, String description, List<String> members, List<String> usedBy) {
        GroupPut writable() {
            return new GroupPut(description, members);
        }
    }

    record GroupsPost(String name, String description, List<String> members) {}

    record GroupPut(String description, List<String> members) {}

    record GroupPost(String name) {}

    private final ClusterService cluster;

    GroupsController(ClusterService cluster) {
        this.cluster = cluster;
    }

    @GetMapping
    LxdResponse list(@RequestParam(required = false) String recursion) {
        ClusterState state = clustered();
        List<GroupView> groups =
                state.groups().keySet().stream().map(name -> view(state, name)).toList();
        return LxdResponses.list(LxdResponses.recursion(recursion), groups, g -> "/1.0/cluster/groups/" + g.name());
    }

    @PostMapping
    ResponseEntity<LxdResponse> create(@RequestBody GroupsPost post) {
        clustered();
        cluster.executeEvents(c -> c.createGroup(post.name(), post.description(), post.members()));
        return LxdResponses.created("/1.0/cluster/groups/" + post.name());
    }

    @GetMapping("/{name}")
    ResponseEntity<LxdResponse> get(@PathVariable String name) {
        GroupView view = existing(clustered(), name);
        return LxdResponses.withEtag(view, view.writable());
    }

    /** Replaces description and members; like LXD, without an ETag check. */
    @PutMapping("/{name}")
    LxdResponse put(@PathVariable String name, @RequestBody GroupPut put) {
        clustered();
        cluster.executeEvents(c -> c.updateGroup(name, put.description(), put.members()));
        return LxdResponse.empty();
    }

    /** Changes what the request names; checks {@code If-Match}. */
    @PatchMapping("/{name}")
    LxdResponse patch(
            @PathVariable String name,
            @RequestBody GroupPut patch,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        clustered();
        cluster.executeEvents(c -> {
            GroupView current = existing(c.state(), name);
            Etags.check(ifMatch, current.writable());
            return c.updateGroup(
                    name,
                    patch.description() == null ? current.description() : patch.description(),
                    patch.members() == null ? current.members() : patch.members());
        });
        return LxdResponse.empty();
    }

    @PostMapping("/{name}")
    ResponseEntity<LxdResponse> rename(@PathVariable String name, @RequestBody GroupPost post) {
        clustered();
        cluster.executeEvents(c -> c.renameGroup(name, post.name()));
        return LxdResponses.created("/1.0/cluster/groups/" + post.name());
    }

    @DeleteMapping("/{name}")
    LxdResponse delete(@PathVariable String name) {
        cluster.executeEvents(c -> c.deleteGroup(name));
        return LxdResponse.empty();
    }

    private GroupView existing(ClusterState state, String name) {
        if (!state.groups().containsKey(name)) {
            throw ClusterRejection.notFound("Cluster group not found");
        }
        return view(state, name);
    }

    private static GroupView view(ClusterState state, String name) {
        return new GroupView(name, state.groups().get(name), state.groupMembers(name), List.of());
    }

    private ClusterState clustered() {
        ClusterState state = cluster.current();
        if (!state.enabled()) {
            throw ClusterRejection.invalid("This server is not clustered");
        }
        return state;
    }
}
