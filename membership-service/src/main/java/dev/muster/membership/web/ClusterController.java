package dev.muster.membership.web;

import dev.muster.events.operations.Operation;
import dev.muster.lxd.operations.Operations;
import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.LxdResponses;
import dev.muster.membership.application.ClusterService;
import dev.muster.membership.cluster.Cluster;
import dev.muster.membership.cluster.ClusterRejection;
import dev.muster.membership.cluster.ClusterState;
import dev.muster.membership.tokens.JoinToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /1.0/cluster}: the cluster itself, bootstrapping it and joining it. */
@RestController
class ClusterController {

    /**
     * {@code ClusterPut}: the cluster fields plus what a joining server sends. {@code architecture} is a Muster
     * extension for agents joining from other hosts (default: this host's).
     */
    record ClusterPut(
            String serverName,
            Boolean enabled,
            List<Cluster.MemberConfigAnswer> memberConfig,
            String clusterAddress,
            String clusterCertificate,
            String serverAddress,
            String clusterToken,
            String architecture) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClusterService cluster;
    private final Operations operations;
    private final Clock clock;

    ClusterController(ClusterService cluster, Operations operations, Clock clock) {
        this.cluster = cluster;
        this.operations = operations;
        this.clock = clock;
    }

    @GetMapping("/1.0/cluster")
    ResponseEntity<LxdResponse> get() {
        ClusterState state = cluster.current();
        List<Map<String, String>> memberConfig = new Cluster(state)
                .requiredMemberConfig(state.leader()).stream()
                        .map(answer -> Map.of(
                                "entity",
                                answer.entity(),
                                "name",
                                answer.name(),
                                "key",
                                answer.key(),
                                "value",
                                answer.value(),
                                "description",
                                "\"" + answer.key() + "\" property for "
                                        + (answer.entity().equals("storage-pool") ? "storage pool" : "network") + " \""
                                        + answer.name() + "\""))
                        .toList();
        Map<String, Object> body = Map.of(
                "server_name",
                state.enabled() ? state.leader() : "",
                "enabled",
                state.enabled(),
                "member_config",
                memberConfig);
        return LxdResponses.withEtag(body, body);
    }

    @PutMapping("/1.0/cluster")
    ResponseEntity<LxdResponse> put(@RequestBody ClusterPut put) {
        if (!Boolean.TRUE.equals(put.enabled())) {
            if (put.serverName() != null && !put.serverName().isEmpty()) {
                throw ClusterRejection.invalid("ServerName must be empty when disabling clustering");
            }
            cluster.executeEvents(c -> c.disable());
            return ResponseEntity.ok(LxdResponse.empty());
        }
        String architecture =
                put.architecture() == null || put.architecture().isBlank() ? Architectures.host() : put.architecture();
        Operation operation;
        if (put.clusterToken() == null || put.clusterToken().isBlank()) {
            String address = put.serverAddress() == null || put.serverAddress().isBlank()
                    ? "127.0.0.1:8443"
                    : put.serverAddress();
            operation = cluster.execute(c -> {
                var events = c.bootstrap(put.serverName(), address, architecture, newFingerprint(), clock.instant());
                return new ClusterService.Decision<>(
                        events,
                        finished(Operations.Spec.task(
                                "Creating bootstrap node",
                                Map.of("cluster", List.of("/1.0/cluster/members/" + put.serverName())))));
            });
        } else {
            JoinToken token =
                    JoinToken.decode(put.clusterToken()).orElseThrow(() -> ClusterRejection.forbidden("Forbidden"));
            if (put.serverName() == null || put.serverName().isBlank()) {
                throw ClusterRejection.invalid("ServerName is required when enabling clustering");
            }
            operation = cluster.execute(c -> {
                String tokenOperation = c.state().tokens().containsKey(token.serverName())
                        ? c.state().tokens().get(token.serverName()).operationId()
                        : null;
                var events = c.join(
                        token,
                        put.serverName(),
                        put.serverAddress(),
                        architecture,
                        put.memberConfig() == null ? List.of() : put.memberConfig(),
                        clock.instant());
                if (tokenOperation != null) {
                    operations
                            .find(tokenOperation)
                            .filter(op -> !op.isFinal())
                            .ifPresent(op -> operations.cancel(op.id()));
                }
                return new ClusterService.Decision<>(
                        events,
                        finished(Operations.Spec.task(
                                "Joining cluster",
                                Map.of("cluster", List.of("/1.0/cluster/members/" + put.serverName())))));
            });
        }
        return LxdResponses.async(operation);
    }

    /** Starts and at once finishes an operation for work done synchronously; answers the operation as started. */
    private Operation finished(Operations.Spec spec) {
        Operation started = operations.start(spec);
        operations.succeed(started.id(), Map.of());
        return started;
    }

    private static String newFingerprint() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
