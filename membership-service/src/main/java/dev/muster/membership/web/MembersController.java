package dev.muster.membership.web;

import dev.muster.events.operations.Operation;
import dev.muster.lxd.operations.Operations;
import dev.muster.lxd.web.Etags;
import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.LxdResponses;
import dev.muster.membership.application.ClusterService;
import dev.muster.membership.application.MemberRemovals;
import dev.muster.membership.cluster.Cluster;
import dev.muster.membership.cluster.ClusterRejection;
import dev.muster.membership.cluster.ClusterState;
import dev.muster.membership.cluster.Member;
import dev.muster.membership.config.ServerConfig;
import dev.muster.membership.members.HoldingsView;
import dev.muster.membership.members.MemberView;
import dev.muster.membership.tokens.Expiry;
import dev.muster.membership.tokens.JoinToken;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** {@code /1.0/cluster/members}: members, join tokens, renames, removals, evacuation and restore. */
@RestController
@RequestMapping("/1.0/cluster/members")
class MembersController {

    record MembersPost(String serverName) {}

    record MemberPost(String serverName) {}

    record MemberStatePost(String action, String mode, Boolean force) {}

    private final ClusterService cluster;
    private final Operations operations;
    private final HoldingsView holdings;
    private final Clock clock;
    private final MemberRemovals removals;

    MembersController(
            ClusterService cluster,
            Operations operations,
            HoldingsView holdings,
            Clock clock,
            MemberRemovals removals) {
        this.removals = removals;
        this.cluster = cluster;
        this.operations = operations;
        this.holdings = holdings;
        this.clock = clock;
    }

    @GetMapping
    LxdResponse list(@RequestParam(required = false) String recursion) {
        ClusterState state = clustered();
        Instant now = clock.instant();
        List<MemberView> members = state.members().values().stream()
                .map(m -> MemberView.of(m, state, now))
                .toList();
        return LxdResponses.list(
                LxdResponses.recursion(recursion), members, m -> "/1.0/cluster/members/" + m.serverName());
    }

    /** A join token: a running operation of class {@code token} whose metadata the client turns into the token. */
    @PostMapping
    ResponseEntity<LxdResponse> issueToken(@RequestBody MembersPost post) {
        Operation operation = cluster.execute(c -> {
            String serverName = post.serverName();
            if (!c.state().enabled()) {
                throw ClusterRejection.invalid("This server is not clustered");
            }
            Instant now = clock.instant();
            Instant expiresAt = Expiry.parse(c.state().config().get(ServerConfig.JOIN_TOKEN_EXPIRY))
                    .after(now)
                    .orElse(null);
            String secret = JoinToken.newSecret();
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("serverName", serverName);
            metadata.put("secret", secret);
            metadata.put("fingerprint", c.state().fingerprint());
            metadata.put("addresses", c.joinAddresses());
            metadata.put("expiresAt", expiresAt == null ? "0001-01-01T00:00:00Z" : expiresAt.toString());
            Operation started = operations.start(new Operations.Spec(
                    "token",
                    "Cluster join token",
                    Map.of("cluster", List.of("/1.0/cluster/members/" + serverName)),
                    metadata,
                    true));
            var events = c.issueToken(serverName, started.id(), JoinToken.digest(secret), expiresAt);
            ClusterState.Token replaced = c.state().tokens().get(serverName);
            if (replaced != null) {
                operations
                        .find(replaced.operationId())
                        .filter(op -> !op.isFinal())
                        .ifPresent(op -> operations.cancel(op.id()));
            }
            return new ClusterService.Decision<>(events, started);
        });
        return LxdResponses.async(operation);
    }

    @GetMapping("/{name}")
    ResponseEntity<LxdResponse> get(@PathVariable String name) {
        MemberView view = view(name);
        return LxdResponses.withEtag(view, view.writable());
    }

    @PutMapping("/{name}")
    LxdResponse put(
            @PathVariable String name,
            @RequestBody Cluster.MemberPut put,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return update(name, put, ifMatch, false);
    }

    @PatchMapping("/{name}")
    LxdResponse patch(
            @PathVariable String name,
            @RequestBody Cluster.MemberPut put,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return update(name, put, ifMatch, true);
    }

    private LxdResponse update(String name, Cluster.MemberPut put, String ifMatch, boolean merge) {
        cluster.executeEvents(c -> {
            Member member =
                    c.state().member(name).orElseThrow(() -> ClusterRejection.notFound("Cluster member not found"));
            Etags.check(
                    ifMatch, MemberView.of(member, c.state(), clock.instant()).writable());
            return c.updateMember(name, put, merge);
        });
        return LxdResponse.empty();
    }

    @PostMapping("/{name}")
    LxdResponse rename(@PathVariable String name, @RequestBody MemberPost post) {
        cluster.executeEvents(c -> {
            var events = c.renameMember(name, post.serverName());
            holdings.memberRenamed(name, post.serverName());
            return events;
        });
        return LxdResponse.empty();
    }

    @DeleteMapping("/{name}")
    LxdResponse remove(@PathVariable String name, @RequestParam(required = false) String force) {
        boolean forced = "1".equals(force) || "true".equalsIgnoreCase(force);
        removals.remove(name, forced);
        return LxdResponse.empty();
    }

    /** Evacuate or restore: an operation; the scheduler moves the instances on the published request. */
    @PostMapping("/{name}/state")
    ResponseEntity<LxdResponse> state(@PathVariable String name, @RequestBody MemberStatePost post) {
        String action = post.action() == null ? "" : post.action();
        if (!action.equals("evacuate") && !action.equals("restore")) {
            throw ClusterRejection.invalid("Unknown action \"" + action + "\"");
        }
        boolean evacuate = action.equals("evacuate");
        if (evacuate
                && operations.runningOfClass("task").stream()
                        .anyMatch(op -> op.description().equals("Evacuating cluster member"))) {
            throw ClusterRejection.conflict("Another cluster member evacuation is already in progress");
        }
        Operation operation = cluster.execute(c -> {
            Operation started = operations.start(Operations.Spec.task(
                    evacuate ? "Evacuating cluster member" : "Restoring cluster member",
                    Map.of("cluster", List.of("/1.0/cluster/members/" + name))));
            var events = evacuate
                    ? c.evacuate(name, post.mode(), Boolean.TRUE.equals(post.force()), started.id())
                    : c.restore(name, post.mode(), started.id());
            // the operation completes when the scheduler says it has moved the instances (SchedulerEvents)
            return new ClusterService.Decision<>(events, started);
        });
        return LxdResponses.async(operation);
    }

    private MemberView view(String name) {
        ClusterState state = clustered();
        Member member = state.member(name).orElseThrow(() -> ClusterRejection.notFound("Cluster member not found"));
        return MemberView.of(member, state, clock.instant());
    }

    private ClusterState clustered() {
        ClusterState state = cluster.current();
        if (!state.enabled()) {
            throw ClusterRejection.invalid("Server is not clustered");
        }
        return state;
    }
}
