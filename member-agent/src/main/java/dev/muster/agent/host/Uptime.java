package dev.muster.agent.host;

/** {@code /proc/uptime}: seconds since boot, whole. */
public record Uptime(long seconds) {

    /** Reads e.g. {@code 350735.47 234388.90}. */
    public static Uptime parse(String text) {
        String first = text.trim().split("\\s+")[0];
        return new Uptime((long) Double.parseDouble(first));
    }
}
