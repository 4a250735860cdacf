package dev.muster.scheduler.application;

import dev.muster.events.agents.InstanceStateReported;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The state queries this process sent to members and waits for: each answer completes its query's future, by
 * command id, as the results consumer reads it (no polling).
 */
@Component
public class StateQueries {

    private final Map<String, CompletableFuture<InstanceStateReported>> pending = new ConcurrentHashMap<>();

    CompletableFuture<InstanceStateReported> expect(String commandId) {
        CompletableFuture<InstanceStateReported> answer = new CompletableFuture<>();
        pending.put(commandId, answer);
        return answer;
    }

    void forget(String commandId) {
        pending.remove(commandId);
    }

    /** An answer arrived; one to a query of another process, or given up on, is ignored. */
    public void answered(InstanceStateReported reported) {
        CompletableFuture<InstanceStateReported> answer = pending.remove(reported.commandId());
        if (answer != null) {
            answer.complete(reported);
        }
    }
}
