package dev.muster.scheduler.application;

import dev.muster.scheduler.instances.InstanceDecider;
import dev.muster.scheduler.instances.ReportedInstance;
import java.util.List;
import org.springframework.stereotype.Service;

/** A member's inventory against the instances placed on it: load → decide → record, in the caller's transaction. */
@Service
public class ReconciliationService {

    private final Instances instances;
    private final InstanceDecider decider;
    private final Recorder recorder;

    ReconciliationService(Instances instances, InstanceDecider decider, Recorder recorder) {
        this.instances = instances;
        this.decider = decider;
        this.recorder = recorder;
    }

    public void reported(String member, List<ReportedInstance> held) {
        recorder.record(decider.reconcile(
                member, held, instances.lockOn(member), report -> instances.find(report.project(), report.name())));
    }
}
