package dev.muster.health.monitoring;

import dev.muster.health.fencing.HttpProbe;
import dev.muster.health.fencing.ProbeResult;
import dev.muster.health.liveness.Judgement;
import dev.muster.health.liveness.LivenessDetector;
import dev.muster.health.messaging.HealthAnnouncements;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code muster.health.check-resolution} (100 ms): lets the detector judge the members whose deadline passed,
 * carries out the fencing probes it asks for (without waiting for them), and announces its judgements in the order
 * they were reached. Judgements that could not be announced (database down) are kept, in order, and retried.
 */
@Component
class LivenessLoop {

    private static final Logger log = LoggerFactory.getLogger(LivenessLoop.class);

    private final LivenessDetector detector;
    private final HttpProbe probe;
    private final HealthAnnouncements announcements;
    private final List<Judgement> unannounced = new ArrayList<>();

    LivenessLoop(LivenessDetector detector, HttpProbe probe, HealthAnnouncements announcements) {
        this.detector = detector;
        this.probe = probe;
        this.announcements = announcements;
    }

    @Scheduled(fixedDelayString = "${muster.health.check-resolution:100ms}")
    synchronized void tick() {
        detector.check();
        for (Judgement judgement : detector.takeJudgements()) {
            if (judgement instanceof Judgement.ProbeNeeded needed) {
                fence(needed);
            } else {
                unannounced.add(judgement);
            }
        }
        if (unannounced.isEmpty()) {
            return;
        }
        try {
            announcements.announce(unannounced);
            unannounced.forEach(j -> log.info("Announced {}", j));
            unannounced.clear();
        } catch (RuntimeException e) {
            log.warn("Could not announce {} health judgements, will retry: {}", unannounced.size(), e.getMessage());
        }
    }

    private void fence(Judgement.ProbeNeeded needed) {
        probe.probe(needed.probeUrl())
                .thenAccept(result -> {
                    switch (result) {
                        case ProbeResult.ConfirmedDead dead -> detector.probeFailed(needed.member(), dead.fencing());
                        case ProbeResult.NotConfirmedDead alive -> {
                            log.debug("Not healing {} yet: {}", needed.member(), alive.detail());
                            detector.probeAnswered(needed.member());
                        }
                    }
                })
                .exceptionally(failure -> {
                    // a probe that could not be judged leaves the member to the next round, but is never silently
                    // dropped
                    log.warn("Could not judge the probe of {}: {}", needed.member(), failure.toString());
                    return null;
                });
    }
}
