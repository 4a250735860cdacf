package dev.muster.scheduler.application;

import dev.muster.scheduler.evacuation.EvacuationDecider;
import dev.muster.scheduler.instances.InstanceEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Membership's evacuations and restores and the health monitor's healings: load → decide → record, in the caller's transaction. */
@Service
public class EvacuationService {

    private static final Logger log = LoggerFactory.getLogger(EvacuationService.class);

    private final Instances instances;
    private final EvacuationDecider decider;
    private final Recorder recorder;

    EvacuationService(Instances instances, EvacuationDecider decider, Recorder recorder) {
        this.instances = instances;
        this.decider = decider;
        this.recorder = recorder;
    }

    public void evacuate(String member, String mode, String operationId) {
        record(decider.evacuate(member, mode, operationId, instances.lockOn(member)));
    }

    public void heal(String member) {
        record(decider.heal(member, instances.lockOn(member), instances.movingFrom(member)));
    }

    public void restore(String member, String mode, String operationId) {
        record(decider.restore(member, mode, operationId, instances.lockOn(member), instances.evacuatedFrom(member)));
    }

    private void record(List<InstanceEvent> events) {
        recorder.record(events);
        events.forEach(event -> {
            switch (event) {
                case InstanceEvent.EvacuationFinished e
                when !e.stayed().isEmpty() ->
                    log.info(
                            "Evacuation of {}: {} stay stopped in place (their policy, or no member could take them)",
                            e.member(),
                            e.stayed());
                case InstanceEvent.MemberHealed e
                when !e.stayed().isEmpty() ->
                    log.info("Healing of {}: no member could take {}", e.member(), e.stayed());
                default -> {}
            }
        });
    }
}
