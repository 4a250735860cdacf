package dev.muster.scheduler.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.Topics;
import dev.muster.events.agents.AgentResult;
import dev.muster.events.instances.InstanceStatusChanged;
import dev.muster.lxd.operations.Operations;
import dev.muster.scheduler.instances.AgentCommands;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.InstanceRepository;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * What members did with the instance commands: the instance's status follows (Running, Stopped, Error), and an
 * operation waiting for the start, or for the image to be fetched, completes or fails with the member's message.
 */
@Component
class AgentResults {

    private static final String CONSUMER = "scheduler-agent-results";

    private final InstanceRepository instances;
    private final Operations operations;
    private final Outbox outbox;
    private final Inbox inbox;
    private final EventReader events;

    AgentResults(InstanceRepository instances, Operations operations, Outbox outbox, Inbox inbox, EventReader events) {
        this.instances = instances;
        this.operations = operations;
        this.outbox = outbox;
        this.inbox = inbox;
        this.events = events;
    }

    @KafkaListener(topics = Topics.AGENT_RESULTS, groupId = CONSUMER)
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            if (received.data() instanceof AgentResult result && result.action().startsWith("instance-")
                    && !result.action().equals("instance-delete")) {
                inbox.receive(CONSUMER, received.id(), () -> apply(result));
            }
        });
    }

    private void apply(AgentResult result) {
        String project = AgentCommands.projectOf(result.commandId());
        Instance instance = instances.find(project, result.target()).orElse(null);
        if (instance == null || !result.member().equals(instance.location())) {
            return; // deleted or moved since: the result is old news
        }
        boolean done = "done".equals(result.status());
        String status = !done ? "Error" : switch (result.action()) {
            case "instance-create" -> instance.start() ? "Running" : "Stopped";
            case "instance-start" -> "Running";
            case "instance-stop" -> "Stopped";
            default -> instance.status();
        };
        if (!status.equals(instance.status())) {
            instances.statusIs(project, instance.name(), status);
            outbox.publish(new InstanceStatusChanged(instance.name(), project, instance.location(), status));
        }
        if (instance.operationId() != null && result.action().equals("instance-create") && (instance.start() || instance.fromImage())) {
            if (done) {
                operations.succeed(instance.operationId(), Map.of());
            } else {
                operations.fail(instance.operationId(), result.message());
            }
            instances.operationDone(project, instance.name());
        }
    }
}
