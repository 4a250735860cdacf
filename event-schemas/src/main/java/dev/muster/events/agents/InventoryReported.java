package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;
import java.util.List;

/**
 * Everything the member's runtime holds ({@link ReportInventory}): its instances and the images it has copies of.
 *
 * @param images the fingerprints of the images held
 */
@EventType(name = "muster.agent.inventory-reported", version = 1, topic = Topics.AGENT_RESULTS)
public record InventoryReported(String member, String commandId, List<InventoryInstance> instances, List<String> images)
        implements AgentResult {

    public InventoryReported {
        instances = List.copyOf(instances);
        images = List.copyOf(images);
    }

    /** One instance the runtime holds, with LXD's status text. */
    public record InventoryInstance(String project, String name, String type, String status) {}
}
