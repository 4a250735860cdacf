package dev.muster.scheduler.instances;

/**
 * What a client asks of an instance's state ({@code InstanceStatePut}).
 *
 * @param timeoutSeconds how long a stop or restart may wait for the instance to shut down; -1 as long as it takes
 * @param force kill the instance instead of asking it to shut down
 * @param stateful keep the instance's memory across a stop (not supported: no member runs CRIU)
 */
public record StateChange(StateAction action, int timeoutSeconds, boolean force, boolean stateful) {}
