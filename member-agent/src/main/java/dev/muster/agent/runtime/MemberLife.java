package dev.muster.agent.runtime;

import dev.muster.agent.probe.ProbeAnswer;

/** Where a member of this process stands: what its heartbeats, probe and commands do. */
public enum MemberLife {
    /** Not yet in the cluster: no heartbeats; the probe answers, commands are carried out. */
    STARTING(false, ProbeAnswer.ALIVE, true),
    /** Heartbeats, answers probes, carries out commands. */
    ALIVE(true, ProbeAnswer.ALIVE, true),
    /** Alive but its heartbeats do not get through (a partition, a long pause): the probe still answers. */
    PAUSED(false, ProbeAnswer.ALIVE, true),
    /** Dead without warning: no heartbeats, the probe answers 503, commands go unanswered. */
    KILLED(false, ProbeAnswer.DEAD, false),
    /** Stopped on purpose after a last heartbeat saying so. */
    STOPPED(false, ProbeAnswer.DEAD, false);

    private final boolean heartbeats;
    private final ProbeAnswer probe;
    private final boolean answersCommands;

    MemberLife(boolean heartbeats, ProbeAnswer probe, boolean answersCommands) {
        this.heartbeats = heartbeats;
        this.probe = probe;
        this.answersCommands = answersCommands;
    }

    public boolean heartbeats() {
        return heartbeats;
    }

    public ProbeAnswer probe() {
        return probe;
    }

    public boolean answersCommands() {
        return answersCommands;
    }

    /** Whether a killed or stopped member: nothing brings it back in this run. */
    public boolean ended() {
        return this == KILLED || this == STOPPED;
    }
}
