package dev.muster.scheduler.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.events.Topics;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.ExportInstance;
import dev.muster.events.agents.FreezeInstance;
import dev.muster.events.agents.ImportInstance;
import dev.muster.events.agents.InventoryReported;
import dev.muster.events.agents.RestartInstance;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.StopInstance;
import dev.muster.events.agents.UnfreezeInstance;
import dev.muster.scheduler.application.AnswerService;
import dev.muster.scheduler.application.ReconciliationService;
import dev.muster.scheduler.instances.AgentAnswer;
import dev.muster.scheduler.instances.ReportedInstance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * What members did with the commands about their instances, each answer applied once (inbox): the instance's status
 * follows, an operation waiting for the member completes or fails, a move goes on. A member's inventory (asked for or
 * sent unasked) is reconciled with the instances placed on it. Answers to deletes and to image commands are not the
 * scheduler's business; answers to state queries are read by {@link StateAnswers} (a failed query says nothing of the
 * instance).
 */
@Component
class AgentResults {

    private static final String CONSUMER = "scheduler-agent-results";

    private static final Map<Class<? extends AgentCommand>, AgentAnswer.Command> COMMANDS = Map.of(
            CreateInstance.class, AgentAnswer.Command.CREATE,
            StartInstance.class, AgentAnswer.Command.START,
            StopInstance.class, AgentAnswer.Command.STOP,
            RestartInstance.class, AgentAnswer.Command.RESTART,
            FreezeInstance.class, AgentAnswer.Command.FREEZE,
            UnfreezeInstance.class, AgentAnswer.Command.UNFREEZE,
            ExportInstance.class, AgentAnswer.Command.EXPORT,
            ImportInstance.class, AgentAnswer.Command.IMPORT);

    private final AnswerService answers;
    private final ReconciliationService reconciliation;
    private final Inbox inbox;
    private final EventReader events;

    AgentResults(AnswerService answers, ReconciliationService reconciliation, Inbox inbox, EventReader events) {
        this.answers = answers;
        this.reconciliation = reconciliation;
        this.inbox = inbox;
        this.events = events;
    }

    @KafkaListener(topics = Topics.AGENT_RESULTS, groupId = CONSUMER)
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            switch (received.data()) {
                case CommandResult result ->
                    commandOf(result)
                            .ifPresent(command -> inbox.receive(
                                    CONSUMER,
                                    received.id(),
                                    () -> answers.answered(new AgentAnswer(
                                            result.member(),
                                            result.project(),
                                            result.subject(),
                                            command,
                                            outcomeOf(result.status()),
                                            result.message()))));
                case InventoryReported inventory ->
                    inbox.receive(
                            CONSUMER,
                            received.id(),
                            () -> reconciliation.reported(inventory.member(), held(inventory)));
                default -> {}
            }
        });
    }

    private static List<ReportedInstance> held(InventoryReported inventory) {
        return inventory.instances().stream()
                .map(i -> new ReportedInstance(i.project(), i.name(), i.status()))
                .toList();
    }

    private static Optional<AgentAnswer.Command> commandOf(CommandResult result) {
        return COMMANDS.entrySet().stream()
                .filter(entry -> result.answers(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static AgentAnswer.Outcome outcomeOf(CommandResult.Status status) {
        return switch (status) {
            case DONE -> AgentAnswer.Outcome.DONE;
            case FAILED -> AgentAnswer.Outcome.FAILED;
            case UNSUPPORTED -> AgentAnswer.Outcome.UNSUPPORTED;
        };
    }
}
