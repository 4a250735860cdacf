package dev.muster.gateway.routing;

import java.util.Optional;

/** Which service owns an LXD path (see the table in ARCHITECTURE.md). */
public enum OwningService {
    MEMBERSHIP("membership", "membership-service"),
    SCHEDULER("scheduler", "scheduler-service"),
    IMAGES("images", "image-service"),
    HEALTH("health", "health-monitor");

    private final String key;
    private final String serviceName;

    OwningService(String key, String serviceName) {
        this.key = key;
        this.serviceName = serviceName;
    }

    /** The key of its base URL in {@code muster.gateway.services}. */
    public String key() {
        return key;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The owner of {@code method path}, or empty when no service serves it. */
    public static Optional<OwningService> of(String method, String path) {
        if (path.matches("/1\\.0/cluster/members/[^/]+/state/?") && method.equals("GET")) {
            return Optional.of(HEALTH);
        }
        if (path.equals("/1.0/cluster") || path.startsWith("/1.0/cluster/")) {
            return Optional.of(MEMBERSHIP);
        }
        if (path.matches("/1\\.0/(storage-pools|networks)(/.*)?")) {
            return Optional.of(MEMBERSHIP); // cluster-wide definitions and their member-specific keys
        }
        if ((path.equals("/1.0") || path.equals("/1.0/")) && (method.equals("PUT") || method.equals("PATCH"))) {
            return Optional.of(MEMBERSHIP); // server configuration: cluster.* keys and the placement scriptlet
        }
        if (path.equals("/1.0/instances") || path.startsWith("/1.0/instances/")) {
            return Optional.of(SCHEDULER);
        }
        if (path.equals("/1.0/images") || path.startsWith("/1.0/images/")) {
            return Optional.of(IMAGES);
        }
        return Optional.empty();
    }
}
