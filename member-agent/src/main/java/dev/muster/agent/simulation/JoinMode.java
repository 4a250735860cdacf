package dev.muster.agent.simulation;

/** Whether and how a simulated fleet makes its members part of the cluster through the gateway. */
public enum JoinMode {
    /** The members are not joined (already members, or no gateway runs, as in benchmarks). */
    NONE,
    /** The first member bootstraps the cluster, the others join it with tokens. */
    BOOTSTRAP_FIRST,
    /** The cluster exists; every member joins it with a token. */
    JOIN_ALL
}
