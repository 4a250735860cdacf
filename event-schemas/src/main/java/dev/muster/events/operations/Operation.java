package dev.muster.events.operations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An LXD operation, with LXD's fields (see {@code GET /1.0/operations/{id}}).
 *
 * @param id the operation's UUID
 * @param operationClass {@code task}, {@code websocket} or {@code token} (JSON field {@code class})
 * @param resources URLs of the entities it touches, by kind, e.g. {@code instances → [/1.0/instances/c1]}
 * @param metadata free-form; progress and results live here
 * @param location the member (or service) that runs it
 */
public record Operation(
        String id,
        @JsonProperty("class") String operationClass,
        String description,
        Instant createdAt,
        Instant updatedAt,
        String status,
        int statusCode,
        Map<String, List<String>> resources,
        Map<String, Object> metadata,
        boolean mayCancel,
        String err,
        String location) {

    public Operation {
        resources = resources == null ? Map.of() : resources;
        metadata = metadata == null ? Map.of() : metadata;
        err = err == null ? "" : err;
        location = location == null ? "" : location;
        description = description == null ? "" : description;
    }

    @JsonIgnore
    public OperationStatus statusValue() {
        return OperationStatus.fromCode(statusCode);
    }

    @JsonIgnore
    public boolean isFinal() {
        return statusCode >= 200;
    }

    public Operation with(OperationStatus next, Instant at, Map<String, Object> newMetadata, String error) {
        return new Operation(
                id,
                operationClass,
                description,
                createdAt,
                at,
                next.text(),
                next.code(),
                resources,
                newMetadata,
                next.isFinal() ? false : mayCancel,
                error,
                location);
    }
}
