package dev.muster.agent.host;

import java.util.HashMap;
import java.util.Map;

/**
 * The lines of {@code /proc/meminfo} the agent reports, in bytes.
 *
 * @param available {@code MemAvailable}, or free + buffers + cached on kernels without it
 */
public record Meminfo(long total, long free, long available, long shared, long buffers, long swapTotal, long swapFree) {

    /** Reads the text of {@code /proc/meminfo}; missing lines count as 0. */
    public static Meminfo parse(String text) {
        Map<String, Long> kilobytes = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] value = line.substring(colon + 1).trim().split("\\s+");
            try {
                kilobytes.put(line.substring(0, colon).trim(), Long.parseLong(value[0]));
            } catch (NumberFormatException ignored) {
                // not a number: not a line we report
            }
        }
        long free = bytes(kilobytes, "MemFree");
        long buffers = bytes(kilobytes, "Buffers");
        long available = kilobytes.containsKey("MemAvailable")
                ? bytes(kilobytes, "MemAvailable")
                : free + buffers + bytes(kilobytes, "Cached");
        return new Meminfo(
                bytes(kilobytes, "MemTotal"),
                free,
                available,
                bytes(kilobytes, "Shmem"),
                buffers,
                bytes(kilobytes, "SwapTotal"),
                bytes(kilobytes, "SwapFree"));
    }

    /** Memory in use by programs: total minus what is available to them. */
    public long used() {
        return Math.max(0, total - available);
    }

    private static long bytes(Map<String, Long> kilobytes, String key) {
        return kilobytes.getOrDefault(key, 0L) * 1024;
    }
}
