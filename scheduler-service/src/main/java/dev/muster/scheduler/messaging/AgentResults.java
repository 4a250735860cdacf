package dev.muster.scheduler.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.events.Topics;
import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.ExportInstance;
import dev.muster.events.agents.ImportInstance;
import dev.muster.events.agents.ReportInstanceState;
import dev.muster.events.agents.RestartInstance;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.StopInstance;
import dev.muster.scheduler.application.AnswerService;
import dev.muster.scheduler.instances.AgentAnswer;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * What members did with the commands about their instances, each answer applied once (inbox): the instance's status
 * follows, and an operation waiting for the member completes or fails. Answers to deletes and to image commands are
 * not the scheduler's business.
 */
@Component
class AgentResults {

    private static final String CONSUMER = "scheduler-agent-results";

    private final AnswerService answers;
    private final Inbox inbox;
    private final EventReader events;

    AgentResults(AnswerService answers, Inbox inbox, EventReader events) {
        this.answers = answers;
        this.inbox = inbox;
        this.events = events;
    }

    @KafkaListener(topics = Topics.AGENT_RESULTS, groupId = CONSUMER)
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            if (received.data() instanceof CommandResult result) {
                commandOf(result)
                        .ifPresent(command -> inbox.receive(
                                CONSUMER,
                                received.id(),
                                () -> answers.answered(new AgentAnswer(
                                        result.member(),
                                        result.project(),
                                        result.subject(),
                                        command,
                                        result.done(),
                                        result.message()))));
            }
        });
    }

    private static Optional<AgentAnswer.Command> commandOf(CommandResult result) {
        if (result.answers(CreateInstance.class)) {
            return Optional.of(AgentAnswer.Command.CREATE);
        }
        if (result.answers(StartInstance.class)) {
            return Optional.of(AgentAnswer.Command.START);
        }
        if (result.answers(StopInstance.class)) {
            return Optional.of(AgentAnswer.Command.STOP);
        }
        boolean otherInstanceCommand = result.answers(RestartInstance.class)
                || result.answers(ExportInstance.class)
                || result.answers(ImportInstance.class)
                || result.answers(ReportInstanceState.class);
        return otherInstanceCommand ? Optional.of(AgentAnswer.Command.OTHER) : Optional.empty();
    }
}
