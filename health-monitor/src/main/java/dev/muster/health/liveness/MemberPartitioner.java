package dev.muster.health.liveness;

/** Which heartbeat partition carries a member's heartbeats, so a monitor knows the silent members it owns. */
@FunctionalInterface
public interface MemberPartitioner {
    int partitionOf(String member, int partitionCount);
}
