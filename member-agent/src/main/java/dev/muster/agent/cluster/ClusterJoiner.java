package dev.muster.agent.cluster;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Makes a member part of the cluster through the gateway, as LXD's client does: bootstrap the first member, issue
 * join tokens, join with a token, and wait for each operation. A member the cluster already has (an agent
 * restarting) is left as it is.
 */
public final class ClusterJoiner {

    /** What became of a member. */
    public enum Outcome {
        ALREADY_MEMBER,
        BOOTSTRAPPED,
        JOINED
    }

    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);

    private final GatewayClient gateway;

    public ClusterJoiner(GatewayClient gateway) {
        this.gateway = gateway;
    }

    /** Bootstraps the cluster with this member as its first: {@code PUT /1.0/cluster} without a token. */
    public Outcome bootstrap(String name, String address, String architecture) {
        if (gateway.memberExists(name)) {
            return Outcome.ALREADY_MEMBER;
        }
        Map<String, Object> put = clusterPut(name, address, architecture);
        awaitAsync(gateway.request("PUT", "/1.0/cluster", put), "bootstrapping the cluster with " + name);
        return Outcome.BOOTSTRAPPED;
    }

    /** Joins with a token: {@code PUT /1.0/cluster} with {@code cluster_token}. */
    public Outcome join(String name, String address, String token, String architecture) {
        if (gateway.memberExists(name)) {
            return Outcome.ALREADY_MEMBER;
        }
        Map<String, Object> put = clusterPut(name, address, architecture);
        put.put("cluster_token", token);
        awaitAsync(gateway.request("PUT", "/1.0/cluster", put), "joining " + name + " to the cluster");
        return Outcome.JOINED;
    }

    /** Issues a join token for a member ({@code POST /1.0/cluster/members}) and joins it with that token. */
    public Outcome joinWithNewToken(String name, String address, String architecture) {
        if (gateway.memberExists(name)) {
            return Outcome.ALREADY_MEMBER;
        }
        return join(name, address, issueToken(name), architecture);
    }

    /** A join token for {@code name}, encoded as LXD's client encodes it. */
    public String issueToken(String name) {
        JsonNode envelope = gateway.request("POST", "/1.0/cluster/members", Map.of("server_name", name));
        JsonNode metadata = envelope.path("metadata").path("metadata");
        if (!metadata.has("secret")) {
            throw new GatewayException("the join token operation for " + name + " holds no secret");
        }
        return JoinToken.fromOperationMetadata(metadata).encode(gateway.json());
    }

    private static Map<String, Object> clusterPut(String name, String address, String architecture) {
        Map<String, Object> put = new LinkedHashMap<>();
        put.put("server_name", name);
        put.put("enabled", true);
        put.put("server_address", address);
        put.put("architecture", architecture);
        return put;
    }

    private void awaitAsync(JsonNode envelope, String what) {
        String operation = envelope.path("operation").asString("");
        if (operation.isBlank()) {
            return; // answered synchronously: done
        }
        try {
            gateway.awaitOperation(operation, OPERATION_TIMEOUT);
        } catch (GatewayException e) {
            throw new GatewayException(what + " failed: " + e.getMessage(), e);
        }
    }
}
