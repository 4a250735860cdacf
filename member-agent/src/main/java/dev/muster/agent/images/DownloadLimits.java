package dev.muster.agent.images;

import java.time.Duration;

/**
 * How long and how much an image download may take: {@code idle}, the longest wait for the next bytes of its body
 * (the connection's own timeout, 5 s, is {@link dev.muster.agent.cluster.ServiceHttp}'s); {@code maxBytes}, the most it
 * may bring when the command does not say how large the image is. Set by the system properties
 * {@code muster.agent.image-download.idle-seconds} (default 60) and {@code muster.agent.image-download.max-bytes}
 * (default 64 GiB).
 */
public record DownloadLimits(Duration idle, long maxBytes) {

    public static final DownloadLimits DEFAULT = new DownloadLimits(
            Duration.ofSeconds(Long.getLong("muster.agent.image-download.idle-seconds", 60)),
            Long.getLong("muster.agent.image-download.max-bytes", 64L << 30));

    public DownloadLimits {
        if (idle.isNegative() || idle.isZero() || maxBytes <= 0) {
            throw new IllegalArgumentException("Image download limits must be positive");
        }
    }
}
