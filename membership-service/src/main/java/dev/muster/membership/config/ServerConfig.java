package dev.muster.membership.config;

import dev.muster.membership.cluster.ClusterRejection;
import dev.muster.membership.tokens.Expiry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * The cluster-wide server configuration ({@code config} of {@code /1.0}): the keys Muster knows, their
 * defaults and rules. Holds only the keys that were set; {@link #effective} adds the defaults.
 */
public record ServerConfig(Map<String, String> values) {

    public static final String OFFLINE_THRESHOLD = "cluster.offline_threshold";
    public static final String HEALING_THRESHOLD = "cluster.healing_threshold";
    public static final String IMAGES_MINIMAL_REPLICA = "cluster.images_minimal_replica";
    public static final String MAX_VOTERS = "cluster.max_voters";
    public static final String MAX_STANDBY = "cluster.max_standby";
    public static final String JOIN_TOKEN_EXPIRY = "cluster.join_token_expiry";
    public static final String PLACEMENT_SCRIPTLET = "instances.placement.scriptlet";
    public static final String DEFAULT_ARCHITECTURE = "images.default_architecture";
    /** How long a trust token (lxc config trust add) lives; read by the gateway, which issues them. */
    public static final String REMOTE_TOKEN_EXPIRY = "core.remote_token_expiry";
    /** Removed from newer LXD and never supported here: clients are added with trust tokens. */
    public static final String TRUST_PASSWORD = "core.trust_password";

    private static final Map<String, String> DEFAULTS = Map.of(
            OFFLINE_THRESHOLD, "20",
            HEALING_THRESHOLD, "0",
            IMAGES_MINIMAL_REPLICA, "3",
            MAX_VOTERS, "3",
            MAX_STANDBY, "2",
            JOIN_TOKEN_EXPIRY, "3H");

    private static final Map<String, Consumer<String>> RULES = Map.of(
            OFFLINE_THRESHOLD, value -> requireInt(value, v -> v >= 10, "must be a number of seconds, at least 10"),
            HEALING_THRESHOLD,
                    value -> requireInt(value, v -> v >= 0, "must be a number of seconds, 0 to turn healing off"),
            IMAGES_MINIMAL_REPLICA,
                    value -> requireInt(value, v -> v >= 1 || v == -1, "must be at least 1, or -1 for every member"),
            MAX_VOTERS, value -> requireInt(value, v -> v >= 3 && v % 2 == 1, "must be an odd number, at least 3"),
            MAX_STANDBY, value -> requireInt(value, v -> v >= 0 && v <= 5, "must be between 0 and 5"),
            JOIN_TOKEN_EXPIRY, Expiry::parse,
            REMOTE_TOKEN_EXPIRY, Expiry::parse,
            PLACEMENT_SCRIPTLET, PlacementScriptlet::validate,
            DEFAULT_ARCHITECTURE,
                    value -> {
                        if (!value.isEmpty()
                                && !Set.of("x86_64", "aarch64", "armv7l", "i686", "ppc64le", "s390x", "riscv64")
                                        .contains(value)) {
                            throw new IllegalArgumentException(
                                    "must be an architecture name such as x86_64 or aarch64");
                        }
                    });

    public ServerConfig {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static ServerConfig empty() {
        return new ServerConfig(Map.of());
    }

    /**
     * The configuration after a {@code PUT} (replace) or {@code PATCH} (merge); an empty value unsets a key.
     *
     * @throws ClusterRejection naming the key and the rule it breaks
     */
    public ServerConfig apply(Map<String, String> requested, boolean merge) {
        Map<String, String> next = new TreeMap<>(merge ? values : Map.of());
        for (Map.Entry<String, String> entry : requested.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue().trim();
            if (key.equals(TRUST_PASSWORD)) {
                throw ClusterRejection.invalid(
                        "Invalid config key \"" + TRUST_PASSWORD
                                + "\": trust passwords are not supported, add clients with a trust token (lxc config trust add)");
            }
            Consumer<String> rule = RULES.get(key);
            if (rule == null) {
                throw ClusterRejection.invalid("Invalid config key \"" + key + "\": unknown key");
            }
            if (value.isEmpty()) {
                next.remove(key);
                continue;
            }
            try {
                rule.accept(value);
            } catch (IllegalArgumentException e) {
                String shown = value.length() <= 64 && !value.contains("\n") ? " \"" + value + "\"" : "";
                throw ClusterRejection.invalid(
                        "Invalid value" + shown + " for config key \"" + key + "\": " + e.getMessage());
            }
            next.put(key, value);
        }
        return new ServerConfig(next);
    }

    /** The keys that were set, as {@code GET /1.0} shows them. */
    public Map<String, String> asSet() {
        return new TreeMap<>(values);
    }

    /** Every known key with its value or default. */
    public Map<String, String> effective() {
        Map<String, String> all = new LinkedHashMap<>(new TreeMap<>(DEFAULTS));
        all.putAll(values);
        return all;
    }

    public String get(String key) {
        return values.getOrDefault(key, DEFAULTS.getOrDefault(key, ""));
    }

    public int intValue(String key) {
        return Integer.parseInt(get(key));
    }

    private static void requireInt(String value, IntPredicate rule, String description) {
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(description);
        }
        if (!rule.test(parsed)) {
            throw new IllegalArgumentException(description);
        }
    }
}
