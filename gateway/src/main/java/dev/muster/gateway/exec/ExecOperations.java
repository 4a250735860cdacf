package dev.muster.gateway.exec;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The exec operations this gateway forwarded: their ids are the member daemons' own, so the gateway remembers which
 * member each came from to send its {@code GET}, {@code /wait} and websockets there. Forgotten a day after creation.
 */
@Component
class ExecOperations {

    private static final Duration REMEMBERED = Duration.ofDays(1);

    /** Where an exec operation lives. */
    record Origin(String member, String bridgeUrl, String project, Instant created) {}

    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    void created(String id, String member, String bridgeUrl, String project) {
        Instant now = Instant.now();
        origins.values().removeIf(origin -> origin.created().isBefore(now.minus(REMEMBERED)));
        origins.put(id, new Origin(member, bridgeUrl, project, now));
    }

    Optional<Origin> of(String id) {
        return Optional.ofNullable(origins.get(id));
    }
}
