package dev.muster.scheduler.evacuation;

import java.util.Map;

/**
 * Whether an instance moves when its member is evacuated: the request's mode decides for every instance
 * ({@code stop}, {@code migrate}, {@code live-migrate}, {@code heal}); without one, the instance's own
 * {@code cluster.evacuate} ({@code auto}, the default, migrates: Muster's instances have no member-local devices).
 */
public final class EvacuationPolicy {

    /** The instance's own evacuation mode, LXD's key. */
    static final String INSTANCE_MODE = "cluster.evacuate";

    private static final String AUTO = "auto";
    private static final String STOP = "stop";

    private EvacuationPolicy() {}

    public static boolean moves(String requestMode, Map<String, String> instanceConfig) {
        String mode = requestMode == null || requestMode.isEmpty() || requestMode.equals(AUTO)
                ? instanceConfig.getOrDefault(INSTANCE_MODE, AUTO)
                : requestMode;
        return !mode.equals(STOP);
    }
}
