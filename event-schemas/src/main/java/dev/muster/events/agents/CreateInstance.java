package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;
import java.util.Map;

/**
 * Create an instance of {@code type} ({@code container} or {@code virtual-machine}), started if {@code start}.
 *
 * @param image the fingerprint of the image it is created from, empty for none; the member fetches it from
 *     {@code imageSource} unless it holds a verified copy
 * @param config the instance's own config ({@code limits.cpu}, {@code limits.memory}, …), passed to the runtime
 * @param devices the instance's own devices, passed to the runtime
 */
@EventType(name = "muster.agent.create-instance", version = 1, topic = Topics.AGENT_COMMANDS)
public record CreateInstance(
        String member,
        String commandId,
        String project,
        String name,
        String type,
        boolean start,
        String image,
        String imageSource,
        Map<String, String> config,
        Map<String, Map<String, String>> devices)
        implements InstanceCommand {}
