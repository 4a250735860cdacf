package dev.muster.agent.host;

import java.util.List;

/**
 * {@code /proc/loadavg}: the 1, 5 and 15 minute load averages and the number of scheduling entities (processes and
 * threads), which is what the kernel's {@code sysinfo} reports as processes.
 */
public record LoadAverage(List<Double> averages, int processes) {

    /** Reads e.g. {@code 0.52 0.58 0.59 3/1234 56789}. */
    public static LoadAverage parse(String text) {
        String[] fields = text.trim().split("\\s+");
        if (fields.length < 4 || fields[3].indexOf('/') < 0) {
            throw new IllegalArgumentException("not /proc/loadavg: " + text.trim());
        }
        List<Double> averages =
                List.of(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
        int processes = Integer.parseInt(fields[3].substring(fields[3].indexOf('/') + 1));
        return new LoadAverage(averages, processes);
    }
}
