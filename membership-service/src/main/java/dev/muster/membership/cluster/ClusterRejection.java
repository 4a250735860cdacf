package dev.muster.membership.cluster;

/**
 * A command the cluster refuses, with the kind of refusal (which the web adapter maps to LXD's status codes)
 * and LXD's message where LXD has one.
 */
public final class ClusterRejection extends RuntimeException {

    /** Why a command was refused. */
    public enum Kind {
        INVALID,
        NOT_FOUND,
        CONFLICT,
        FORBIDDEN,
        UNAVAILABLE
    }

    private final Kind kind;

    private ClusterRejection(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ClusterRejection invalid(String message) {
        return new ClusterRejection(Kind.INVALID, message);
    }

    public static ClusterRejection notFound(String message) {
        return new ClusterRejection(Kind.NOT_FOUND, message);
    }

    public static ClusterRejection conflict(String message) {
        return new ClusterRejection(Kind.CONFLICT, message);
    }

    public static ClusterRejection forbidden(String message) {
        return new ClusterRejection(Kind.FORBIDDEN, message);
    }

    public static ClusterRejection unavailable(String message) {
        return new ClusterRejection(Kind.UNAVAILABLE, message);
    }
}
