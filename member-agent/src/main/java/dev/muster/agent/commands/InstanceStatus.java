package dev.muster.agent.commands;

/** The states a simulated instance passes through, named as LXD names them. */
public enum InstanceStatus {
    STOPPED("Stopped"),
    RUNNING("Running");

    private final String lxdName;

    InstanceStatus(String lxdName) {
        this.lxdName = lxdName;
    }

    public String lxdName() {
        return lxdName;
    }
}
