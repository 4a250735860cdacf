package dev.muster.agent.commands;

import java.util.Arrays;

/** The states an instance passes through, named as LXD names them. */
public enum InstanceStatus {
    STOPPED("Stopped"),
    RUNNING("Running"),
    FROZEN("Frozen"),
    /** A state the runtime names otherwise (LXD's {@code Error}, {@code Starting}, …). */
    OTHER("");

    private final String lxdName;

    InstanceStatus(String lxdName) {
        this.lxdName = lxdName;
    }

    public String lxdName() {
        return lxdName;
    }

    /** The status LXD calls {@code lxdName}, {@link #OTHER} for one not listed here. */
    public static InstanceStatus of(String lxdName) {
        return Arrays.stream(values())
                .filter(status -> status != OTHER && status.lxdName.equals(lxdName))
                .findFirst()
                .orElse(OTHER);
    }
}
