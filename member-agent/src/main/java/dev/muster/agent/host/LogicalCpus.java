package dev.muster.agent.host;

/** Counts the logical CPUs the kernel lists in {@code /proc/stat} ({@code cpu0}, {@code cpu1}, …). */
public final class LogicalCpus {

    private LogicalCpus() {}

    /** The number of {@code cpuN} lines; 0 if there are none. */
    public static int count(String procStat) {
        int cpus = 0;
        for (String line : procStat.split("\n")) {
            if (line.length() > 3 && line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
                cpus++;
            }
        }
        return cpus;
    }
}
