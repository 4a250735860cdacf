package dev.muster.membership.roles;

/**
 * How many voters and stand-bys the cluster aims for: {@code cluster.max_voters} and {@code cluster.max_standby}.
 * Validating those keys as LXD does (odd and at least 3; 0 to 5) is the server configuration's job; these limits
 * only refuse what the algorithm cannot work with.
 */
public record RoleLimits(int maxVoters, int maxStandby) {

    /** LXD's defaults: three voters and two stand-bys. */
    public static final RoleLimits DEFAULTS = new RoleLimits(3, 2);

    public RoleLimits {
        if (maxVoters < 1) {
            throw new IllegalArgumentException("maxVoters must be at least 1, was " + maxVoters);
        }
        if (maxStandby < 0) {
            throw new IllegalArgumentException("maxStandby must not be negative, was " + maxStandby);
        }
    }
}
