package dev.muster.membership.tokens;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LXD's expiry expressions ({@code cluster.join_token_expiry}): space-separated {@code <n><unit>} terms with
 * units {@code S M H d w m y} (seconds, minutes, hours, days, weeks, months, years), each at most once.
 * An empty expression means no expiry.
 */
public final class Expiry {

    private static final Pattern TERM = Pattern.compile("(\\d+)([SMHdwmy])");

    private final String expression;

    private Expiry(String expression) {
        this.expression = expression;
    }

    /** @throws IllegalArgumentException naming what is wrong with the expression */
    public static Expiry parse(String expression) {
        String trimmed = expression == null ? "" : expression.trim();
        Set<String> units = new HashSet<>();
        for (String term : trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+")) {
            Matcher matcher = TERM.matcher(term);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(
                        "Invalid expiry term \"" + term + "\": expected a number and one of S M H d w m y");
            }
            if (!units.add(matcher.group(2))) {
                throw new IllegalArgumentException("Expiry unit \"" + matcher.group(2) + "\" is given more than once");
            }
        }
        return new Expiry(trimmed);
    }

    /** When something created at {@code from} expires, or empty if it never does. */
    public Optional<Instant> after(Instant from) {
        if (expression.isEmpty()) {
            return Optional.empty();
        }
        ZonedDateTime at = from.atZone(ZoneOffset.UTC);
        for (String term : expression.split("\\s+")) {
            Matcher matcher = TERM.matcher(term);
            matcher.matches();
            long n = Long.parseLong(matcher.group(1));
            at = switch (matcher.group(2)) {
                case "S" -> at.plus(Duration.ofSeconds(n));
                case "M" -> at.plus(Duration.ofMinutes(n));
                case "H" -> at.plus(Duration.ofHours(n));
                case "d" -> at.plusDays(n);
                case "w" -> at.plusWeeks(n);
                case "m" -> at.plusMonths(n);
                case "y" -> at.plusYears(n);
                default -> throw new IllegalStateException("unreachable");
            };
        }
        return Optional.of(at.toInstant());
    }
}
