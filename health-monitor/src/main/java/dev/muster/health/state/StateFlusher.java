package dev.muster.health.state;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes the latest heartbeats to PostgreSQL every {@code muster.health.state-flush-interval}, in one transaction. */
@Component
class StateFlusher {

    private static final Logger log = LoggerFactory.getLogger(StateFlusher.class);

    private final LatestHeartbeats latest;
    private final MemberStates states;
    private final TransactionTemplate transactions;

    StateFlusher(LatestHeartbeats latest, MemberStates states, TransactionTemplate transactions) {
        this.latest = latest;
        this.states = states;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${muster.health.state-flush-interval:1s}")
    void flush() {
        List<ReceivedHeartbeat> batch = latest.takeUnsaved();
        if (batch.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(tx -> states.saveAll(batch));
        } catch (RuntimeException e) {
            log.warn("Could not save the state of {} members, will retry: {}", batch.size(), e.getMessage());
            latest.unsaved(batch);
        }
    }
}
