package dev.muster.images.tarball;

import java.time.Duration;
import java.util.Map;

/**
 * How far an image tarball is read in search of its {@code metadata.yaml}, and how long an external decompressor may
 * take.
 *
 * @param maxEntries the tar entries looked at before giving up (metadata.yaml usually comes first)
 * @param maxBytes the decompressed bytes looked at before giving up
 * @param decompressorTimeout the longest an external decompressor (bzip2, zstd) may run in all
 * @param decompressorIdle the longest it may go without producing a byte
 * @param decompressors the command run for each external tool ({@code bzip2}, {@code zstd}) in place of the tool of
 *     that name; it is given {@code -dc FILE}
 */
public record TarballLimits(
        int maxEntries,
        long maxBytes,
        Duration decompressorTimeout,
        Duration decompressorIdle,
        Map<String, String> decompressors) {

    public static final TarballLimits DEFAULT =
            new TarballLimits(100_000, 16L << 30, Duration.ofMinutes(10), Duration.ofMinutes(2), Map.of());

    public TarballLimits {
        if (maxEntries <= 0 || maxBytes <= 0 || !decompressorTimeout.isPositive() || !decompressorIdle.isPositive()) {
            throw new IllegalArgumentException("Tarball limits must be positive");
        }
        decompressors = Map.copyOf(decompressors);
    }

    /** The command that runs {@code tool}. */
    String command(String tool) {
        return decompressors.getOrDefault(tool, tool);
    }
}
