package dev.muster.agent.simulation;

import dev.muster.agent.heartbeat.MemberStateSource;
import dev.muster.events.heartbeats.MemberState;
import dev.muster.events.heartbeats.MemberState.Cpu;
import dev.muster.events.heartbeats.MemberState.Memory;
import dev.muster.events.heartbeats.MemberState.Resources;
import dev.muster.events.heartbeats.MemberState.StoragePoolState;
import dev.muster.events.heartbeats.MemberState.SysInfo;
import dev.muster.events.heartbeats.MemberState.Usage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A made-up host with a plausible, deterministic life: its hardware (8–256 GiB of RAM, 4–128 CPUs, a storage
 * pool of 0.25–8 TiB) follows from the seed and its place in the fleet, and its state at heartbeat {@code n} is a
 * pure function of those: load and memory drift slowly along waves of tens of minutes with a little jitter, the
 * pool fills very slowly, uptime counts on.
 */
public final class SimulatedHost implements MemberStateSource {

    public static final String POOL = "local";
    private static final long GIB = 1L << 30;
    private static final int[] RAM_GIB = {8, 16, 16, 32, 32, 64, 64, 96, 128, 192, 256};
    private static final int[] CPUS = {4, 8, 12, 16, 24, 32, 48, 64, 96, 128};
    private static final int[] SWAP_GIB = {0, 0, 2, 4, 8};

    private final long noiseSeed;
    private final double intervalSeconds;
    private final String architecture;
    private final long totalRam;
    private final int cpus;
    private final long totalSwap;
    private final long poolTotal;
    private final double poolUsedShare;
    private final long bootUptime;
    private final int baseProcesses;
    private final double loadShare;
    private final double memoryShare;
    private final double loadPeriodSeconds;
    private final double memoryPeriodSeconds;
    private final double phase;

    /**
     * @param seed the fleet's seed
     * @param index the member's place in the fleet, from 0
     * @param interval the heartbeat interval, which turns heartbeat numbers into time
     */
    public SimulatedHost(long seed, int index, Duration interval, String architecture) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        this.noiseSeed = random.nextLong();
        this.intervalSeconds = interval.toNanos() / 1e9;
        this.architecture = architecture;
        int ramGib = RAM_GIB[random.nextInt(RAM_GIB.length)];
        this.totalRam = ramGib * GIB;
        this.cpus = cpusFor(ramGib, random);
        this.totalSwap = SWAP_GIB[random.nextInt(SWAP_GIB.length)] * GIB;
        this.poolTotal = (256L << random.nextInt(6)) * GIB;
        this.poolUsedShare = 0.1 + 0.6 * random.nextDouble();
        this.bootUptime = 3600 + random.nextLong(200L * 24 * 3600);
        this.baseProcesses = 150 + 4 * cpus + random.nextInt(200);
        this.loadShare = 0.05 + 0.6 * random.nextDouble();
        this.memoryShare = 0.2 + 0.6 * random.nextDouble();
        this.loadPeriodSeconds = 600 + random.nextDouble() * 3000;
        this.memoryPeriodSeconds = 1800 + random.nextDouble() * 5400;
        this.phase = random.nextDouble() * 2 * Math.PI;
    }

    /** Between a sixteenth and all of the RAM in GiB, as real machines come. */
    private static int cpusFor(int ramGib, SplittableRandom random) {
        int[] fitting =
                Arrays.stream(CPUS).filter(c -> c <= ramGib && c * 16 >= ramGib).toArray();
        return fitting[random.nextInt(fitting.length)];
    }

    @Override
    public MemberState stateAt(long sequence) {
        double t = sequence * intervalSeconds;
        double load1 = load(t, 0) + 0.03 * cpus * noise(sequence);
        double load5 = load(t, 150);
        double load15 = load(t, 450);
        double usedShare = clamp(
                memoryShare
                        + 0.05 * Math.sin(2 * Math.PI * t / memoryPeriodSeconds + phase)
                        + 0.005 * noise(sequence + 7),
                0.05,
                0.95);
        long usedRam = (long) (totalRam * usedShare);
        long bufferedRam = totalRam / 50;
        long freeRam = Math.max(0, (long) ((totalRam - usedRam) * 0.6));
        long sharedRam = totalRam / 100;
        long freeSwap = (long) (totalSwap * (1 - 0.1 * usedShare));
        int processes = baseProcesses
                + (int) Math.round(
                        20 * Math.sin(2 * Math.PI * t / loadPeriodSeconds + phase) + 5 * noise(sequence + 13));
        SysInfo sysinfo = new SysInfo(
                bootUptime + (long) t,
                List.of(round(load1), round(load5), round(load15)),
                totalRam,
                freeRam,
                sharedRam,
                bufferedRam,
                totalSwap,
                freeSwap,
                processes,
                cpus);
        long poolUsed = (long) (poolTotal * Math.min(0.99, poolUsedShare + t * 1e-8));
        long inodesTotal = poolTotal / 16384;
        StoragePoolState pool = new StoragePoolState(
                new Usage(poolUsed, poolTotal), new Usage((long) (inodesTotal * poolUsedShare * 0.3), inodesTotal));
        return new MemberState(
                sysinfo, Map.of(POOL, pool), new Resources(new Cpu(architecture, cpus), new Memory(usedRam, totalRam)));
    }

    /** The load, seen {@code lagSeconds} behind: the longer averages follow the same wave, later and smoother. */
    private double load(double t, double lagSeconds) {
        return Math.max(
                0,
                cpus
                        * clamp(
                                loadShare + 0.15 * Math.sin(2 * Math.PI * (t - lagSeconds) / loadPeriodSeconds + phase),
                                0,
                                1.5));
    }

    /** A deterministic number in [-1, 1) for the heartbeat. */
    private double noise(long sequence) {
        long z = noiseSeed + sequence * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53 * 2 - 1;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    public long totalRam() {
        return totalRam;
    }

    public int cpus() {
        return cpus;
    }

    public String architecture() {
        return architecture;
    }
}
