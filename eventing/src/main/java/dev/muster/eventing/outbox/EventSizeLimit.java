package dev.muster.eventing.outbox;

import dev.muster.events.EventTooLarge;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The most one encoded event may weigh, checked when it is written. Kafka refuses records over its
 * {@code max.request.size} (1 MiB by default), and an outbox row it refuses can never be published: refusing the
 * change that makes it is the only place where a client still learns why.
 */
public final class EventSizeLimit {

    /** Half of Kafka's default request size: room for the envelope, headers and batching. */
    public static final int DEFAULT_MAX_BYTES = 512 * 1024;

    private final int maxBytes;

    public EventSizeLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /**
     * Throws {@link EventTooLarge} when {@code encoded} is over the limit, naming the largest field of the event's
     * data (read only then).
     */
    void check(String eventType, byte[] encoded, Supplier<JsonNode> data) {
        if (encoded.length <= maxBytes) {
            return;
        }
        StringBuilder path = new StringBuilder();
        JsonNode node = data.get();
        long largest = encoded.length;
        while (node != null && node.isContainer() && !node.isEmpty()) {
            Map.Entry<String, JsonNode> biggest = null;
            long biggestSize = -1;
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    long size = field.getValue().toString().length();
                    if (size > biggestSize) {
                        biggest = field;
                        biggestSize = size;
                    }
                }
                String name = biggest.getKey();
                if (name.contains(".") || path.length() > 0 && !name.matches("[A-Za-z0-9_]+")) {
                    path.append("[\"").append(name).append("\"]");
                } else {
                    path.append(path.length() == 0 ? "" : ".").append(name);
                }
            } else {
                int index = 0;
                for (int i = 0; i < node.size(); i++) {
                    long size = node.get(i).toString().length();
                    if (size > biggestSize) {
                        index = i;
                        biggestSize = size;
                    }
                }
                biggest = Map.entry(String.valueOf(index), node.get(index));
                path.append('[').append(index).append(']');
            }
            node = biggest.getValue();
            largest = biggestSize;
        }
        throw new EventTooLarge(
                eventType, path.length() == 0 ? "data" : path.toString(), encoded.length, largest, maxBytes);
    }
}
