package dev.muster.scheduler.application;

import dev.muster.scheduler.instances.AgentAnswer;
import dev.muster.scheduler.instances.InstanceDecider;
import org.springframework.stereotype.Service;

/** What members answered about instance commands: load → decide → record, in the caller's (the inbox's) transaction. */
@Service
public class AnswerService {

    private final Instances instances;
    private final InstanceDecider decider;
    private final Recorder recorder;

    AnswerService(Instances instances, InstanceDecider decider, Recorder recorder) {
        this.instances = instances;
        this.decider = decider;
        this.recorder = recorder;
    }

    public void answered(AgentAnswer answer) {
        recorder.record(decider.answer(answer, instances.lock(answer.project(), answer.name())));
    }
}
