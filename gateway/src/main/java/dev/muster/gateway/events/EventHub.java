package dev.muster.gateway.events;

import dev.muster.events.EventCodec;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fans events out to the clients of {@code /1.0/events} connected to this gateway, in LXD's event format. Publishing
 * never waits for a client: each has its own bounded buffer.
 */
@Component
public class EventHub {

    private final Set<EventConnection> connections = ConcurrentHashMap.newKeySet();
    private final JsonMapper json = EventCodec.mapper();

    void add(EventConnection connection) {
        connections.add(connection);
    }

    void remove(EventConnection connection) {
        connections.remove(connection);
    }

    public boolean hasListeners() {
        return !connections.isEmpty();
    }

    /**
     * Sends {@code {"type":…,"timestamp":…,"metadata":…,"location":…,"project":…}} to every client that asked for
     * this type and project.
     *
     * @param project the event's project; empty for events of no project (the cluster's own)
     */
    public void publish(String type, String project, String location, Object metadata) {
        byte[] frame = null;
        for (EventConnection connection : connections) {
            if (connection.wants(type, project)) {
                if (frame == null) {
                    frame = WebSocketFrames.text(json.writeValueAsString(event(type, project, location, metadata)));
                }
                connection.deliver(frame);
            }
        }
    }

    private static Map<String, Object> event(String type, String project, String location, Object metadata) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("timestamp", Instant.now().toString());
        event.put("metadata", metadata);
        event.put("location", location.isEmpty() ? "none" : location);
        if (!project.isEmpty()) {
            event.put("project", project);
        }
        return event;
    }

    @PreDestroy
    void stop() {
        connections.forEach(EventConnection::goAway);
    }
}
