package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * Check that the member's copy of an image still has its fingerprint; a rotten or missing one is reported
 * failed.
 */
@EventType(name = "muster.agent.verify-image", version = 1, topic = Topics.AGENT_COMMANDS)
public record VerifyImage(String member, String commandId, String fingerprint) implements ImageCommand {}
