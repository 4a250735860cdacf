package dev.muster.agent.commands;

import dev.muster.events.agents.AgentResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The results given to the most recent commands, by member and command id, so that a command delivered twice is
 * carried out once: a result on its way to Kafka or acknowledged by it is never sent again; one Kafka refused is
 * sent again, as it was. Only the newest {@code capacity} commands are remembered.
 */
final class AnsweredCommands {

    /** PENDING: being carried out in the background (an image copy), no result yet. */
    enum Delivery {
        PENDING,
        SENDING,
        ACKNOWLEDGED,
        REFUSED
    }

    /** A result and how far its delivery got. */
    record Answer(AgentResult result, Delivery delivery) {}

    private final Map<String, Answer> answers;

    AnsweredCommands(int capacity) {
        this.answers = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<Answer> answerTo(String member, String commandId) {
        return Optional.ofNullable(answers.get(key(member, commandId)));
    }

    /** A command being carried out in the background: it is not carried out again if it comes again meanwhile. */
    synchronized void pending(String member, String commandId) {
        answers.put(key(member, commandId), new Answer(null, Delivery.PENDING));
    }

    synchronized void update(AgentResult result, Delivery delivery) {
        answers.put(key(result.member(), result.commandId()), new Answer(result, delivery));
    }

    private static String key(String member, String commandId) {
        return member + '\u0000' + commandId;
    }
}
