package dev.muster.agent.instances;

/**
 * The host's capacity as the runtime sees it.
 *
 * @param cpuThreads the CPU threads it can run instances on
 * @param memoryUsed bytes of memory in use
 * @param memoryTotal bytes of memory
 * @param pool the name of the storage pool instances go to
 * @param spaceUsed bytes used in that pool
 * @param spaceTotal bytes in that pool
 * @param inodesUsed inodes used in that pool, 0 when not known
 * @param inodesTotal inodes in that pool, 0 when not known
 */
public record RuntimeResources(
        int cpuThreads,
        long memoryUsed,
        long memoryTotal,
        String pool,
        long spaceUsed,
        long spaceTotal,
        long inodesUsed,
        long inodesTotal) {}
