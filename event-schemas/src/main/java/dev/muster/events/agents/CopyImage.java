package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * Fetch a verified copy of an image from {@code source} (the image service's export URL); a split image's
 * metadata and rootfs both come when {@code split}.
 */
@EventType(name = "muster.agent.copy-image", version = 1, topic = Topics.AGENT_COMMANDS)
public record CopyImage(String member, String commandId, String fingerprint, String source, boolean split)
        implements ImageCommand {}
