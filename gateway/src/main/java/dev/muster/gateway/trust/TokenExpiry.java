package dev.muster.gateway.trust;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * {@code core.remote_token_expiry} as LXD reads it: space-separated {@code <n><unit>} terms, units {@code S M H d w m
 * y}; empty means a token never expires. A value the gateway cannot read is treated as no expiry: the membership
 * service refuses such values when they are set.
 */
final class TokenExpiry {

    private TokenExpiry() {}

    static Optional<Instant> from(String expression, Instant now) {
        if (expression == null || expression.isBlank()) {
            return Optional.empty();
        }
        var at = now.atOffset(ZoneOffset.UTC);
        for (String term : expression.trim().split("\\s+")) {
            if (term.length() < 2) {
                return Optional.empty();
            }
            long n;
            try {
                n = Long.parseLong(term.substring(0, term.length() - 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            at = switch (term.charAt(term.length() - 1)) {
                case 'S' -> at.plus(Duration.ofSeconds(n));
                case 'M' -> at.plus(Duration.ofMinutes(n));
                case 'H' -> at.plus(Duration.ofHours(n));
                case 'd' -> at.plusDays(n);
                case 'w' -> at.plusWeeks(n);
                case 'm' -> at.plusMonths(n);
                case 'y' -> at.plusYears(n);
                default -> at;
            };
        }
        return Optional.of(at.toInstant());
    }
}
