package dev.muster.membership.roles;

import java.util.Objects;

/**
 * A cluster member as the role algorithm sees it.
 *
 * @param id the member's join order (monotonic); the lowest id wins every tie
 * @param failureDomain {@value #DEFAULT_FAILURE_DOMAIN} when the member has none set
 * @param online whether the member answered the last heartbeat round
 * @param evacuated whether the member is evacuated; an evacuated member is never promoted
 */
public record Node(String name, long id, String failureDomain, RaftRole role, boolean online, boolean evacuated) {

    public static final String DEFAULT_FAILURE_DOMAIN = "default";

    public Node {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(failureDomain, "failureDomain");
        Objects.requireNonNull(role, "role");
    }

    public Node withRole(RaftRole newRole) {
        return new Node(name, id, failureDomain, newRole, online, evacuated);
    }
}
