package dev.muster.agent;

import java.time.Duration;

/** Reads durations as people write them on a command line: {@code 1s}, {@code 500ms}, {@code 2m}, {@code 1.5s}, or seconds. */
final class Durations {

    private Durations() {}

    static Duration parse(String text) {
        String value = text.trim();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            double amount;
            long unitMillis;
            if (value.endsWith("s")) {
                amount = Double.parseDouble(value.substring(0, value.length() - 1));
                unitMillis = 1000;
            } else if (value.endsWith("m")) {
                amount = Double.parseDouble(value.substring(0, value.length() - 1));
                unitMillis = 60_000;
            } else {
                amount = Double.parseDouble(value);
                unitMillis = 1000;
            }
            return Duration.ofMillis(Math.round(amount * unitMillis));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\" (write e.g. 1s, 500ms, 2m)");
        }
    }
}
