package dev.muster.health.messaging;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.health.MemberCameOnline;
import dev.muster.events.health.MemberHealingDue;
import dev.muster.events.health.MemberStopped;
import dev.muster.events.health.MemberWentOffline;
import dev.muster.health.liveness.Judgement;
import dev.muster.health.liveness.LivenessStatus;
import dev.muster.health.state.LivenessRecords;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces the detector's judgements on {@code muster.health.v1}, through the outbox, in one transaction with the
 * record of them that a later owner of the member reads.
 */
@Component
public class HealthAnnouncements {

    private final Outbox outbox;
    private final LivenessRecords records;
    private final TransactionTemplate transactions;
    private final Clock clock;

    HealthAnnouncements(Outbox outbox, LivenessRecords records, TransactionTemplate transactions, Clock clock) {
        this.outbox = outbox;
        this.records = records;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Announces all of them, in order, or none (the exception says why). */
    public void announce(List<Judgement> judgements) {
        transactions.executeWithoutResult(tx -> judgements.forEach(this::announce));
    }

    private void announce(Judgement judgement) {
        switch (judgement) {
            case Judgement.WentOffline offline -> {
                outbox.publish(
                        new MemberWentOffline(offline.member(), offline.lastHeartbeat(), offline.thresholdSeconds()));
                records.record(offline.member(), LivenessStatus.OFFLINE, clock.instant(), offline.lastHeartbeat());
            }
            case Judgement.CameOnline online -> {
                outbox.publish(new MemberCameOnline(online.member(), online.at()));
                records.record(online.member(), LivenessStatus.ONLINE, online.at(), online.at());
            }
            case Judgement.Stopped stopped -> {
                outbox.publish(new MemberStopped(stopped.member(), stopped.at()));
                records.record(stopped.member(), LivenessStatus.STOPPED, stopped.at(), stopped.at());
            }
            case Judgement.HealingDue healing -> {
                outbox.publish(new MemberHealingDue(healing.member(), healing.lastHeartbeat(), healing.fencing()));
                records.healingDue(healing.member());
            }
            case Judgement.ProbeNeeded probe ->
                throw new IllegalArgumentException("a probe is carried out, not announced: " + probe);
        }
    }
}
