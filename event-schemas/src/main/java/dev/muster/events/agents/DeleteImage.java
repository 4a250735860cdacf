package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * Remove the member's copy of an image.
 */
@EventType(name = "muster.agent.delete-image", version = 1, topic = Topics.AGENT_COMMANDS)
public record DeleteImage(String member, String commandId, String fingerprint) implements ImageCommand {}
