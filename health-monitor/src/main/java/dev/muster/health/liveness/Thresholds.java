package dev.muster.health.liveness;

import java.time.Duration;
import java.util.Map;

/**
 * The cluster's liveness thresholds, LXD's {@code cluster.offline_threshold} and {@code cluster.healing_threshold}.
 *
 * @param offline a member silent this long is offline (LXD: heartbeat ≤ now − threshold)
 * @param healing a member offline this long may be healed; zero turns healing off
 */
public record Thresholds(Duration offline, Duration healing) {

    public static final String OFFLINE_KEY = "cluster.offline_threshold";
    public static final String HEALING_KEY = "cluster.healing_threshold";
    public static final Thresholds DEFAULT = new Thresholds(Duration.ofSeconds(20), Duration.ZERO);

    public Thresholds {
        if (offline.isNegative() || offline.isZero()) {
            throw new IllegalArgumentException("the offline threshold must be positive, not " + offline);
        }
        if (healing.isNegative()) {
            throw new IllegalArgumentException("the healing threshold cannot be negative, not " + healing);
        }
    }

    /**
     * Reads the thresholds from the full server configuration (every key that is set); a missing or unreadable
     * key keeps LXD's default.
     */
    public static Thresholds fromServerConfig(Map<String, String> config) {
        return new Thresholds(
                seconds(config.get(OFFLINE_KEY), DEFAULT.offline(), 1),
                seconds(config.get(HEALING_KEY), DEFAULT.healing(), 0));
    }

    public boolean healingEnabled() {
        return !healing.isZero();
    }

    /** How long a member must have been silent before it may be healed: max(healing, offline), as LXD does. */
    public Duration healingAfter() {
        return healing.compareTo(offline) > 0 ? healing : offline;
    }

    public int offlineSeconds() {
        return (int) offline.toSeconds();
    }

    private static Duration seconds(String value, Duration fallback, long minimum) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < minimum ? fallback : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
