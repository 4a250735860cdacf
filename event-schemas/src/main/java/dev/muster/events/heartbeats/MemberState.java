package dev.muster.events.heartbeats;

import java.util.List;
import java.util.Map;

/**
 * A member's state as its agent reads it from the host: LXD's {@code ClusterMemberState} ({@code sysinfo},
 * {@code storage_pools}) plus the resources the scheduler needs.
 */
public record MemberState(SysInfo sysinfo, Map<String, StoragePoolState> storagePools, Resources resources) {

    /** LXD's {@code sysinfo}: uptime in seconds, memory in bytes. */
    public record SysInfo(
            long uptime,
            List<Double> loadAverages,
            long totalRam,
            long freeRam,
            long sharedRam,
            long bufferedRam,
            long totalSwap,
            long freeSwap,
            int processes,
            int logicalCpus) {}

    /** LXD's storage pool state: space and inodes, used and total. */
    public record StoragePoolState(Usage space, Usage inodes) {}

    public record Usage(long used, long total) {}

    /** What the scheduler weighs: CPUs and their architecture, memory in bytes. */
    public record Resources(Cpu cpu, Memory memory) {}

    public record Cpu(String architecture, int total) {}

    public record Memory(long used, long total) {}
}
