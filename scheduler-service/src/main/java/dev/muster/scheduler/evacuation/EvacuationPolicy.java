package dev.muster.scheduler.evacuation;

import java.util.Map;

/**
 * Whether an instance moves when its member is evacuated: the request's mode decides for every instance
 * ({@code stop}, {@code migrate}, {@code live-migrate}, {@code heal}); without one, the instance's own
 * {@code cluster.evacuate} ({@code auto}, the default, migrates: Muster's instances have no member-local devices).
 */
public final class EvacuationPolicy {

    private EvacuationPolicy() {}

    public static boolean moves(String requestMode, Map<String, String> instanceConfig) {
        String mode = requestMode == null || requestMode.isEmpty() || requestMode.equals("auto")
                ? instanceConfig.getOrDefault("cluster.evacuate", "auto")
                : requestMode;
        return !mode.equals("stop");
    }
}
