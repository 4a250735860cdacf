package dev.muster.agent.instances;

/**
 * What the runtime says of one instance.
 *
 * @param status LXD's status text ({@code Running}, {@code Stopped}, {@code Frozen}, …) or
 *     {@link InstanceRuntime#MISSING}
 * @param pid its init process's pid on the host, 0 when it does not run (or has no process of its own)
 * @param processes how many processes run in it, -1 when not known
 * @param memoryUsage bytes of memory in use
 * @param cpuUsage CPU time used, in nanoseconds
 */
public record InstanceState(String status, long pid, int processes, long memoryUsage, long cpuUsage) {

    private static final int UNKNOWN_PROCESSES = -1;

    public static InstanceState missing() {
        return new InstanceState(InstanceRuntime.MISSING, 0, UNKNOWN_PROCESSES, 0, 0);
    }

    /** A state known only by its status (a simulated instance has no process of its own). */
    public static InstanceState ofStatus(String status) {
        return new InstanceState(status, 0, UNKNOWN_PROCESSES, 0, 0);
    }
}
