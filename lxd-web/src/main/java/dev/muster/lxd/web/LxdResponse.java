package dev.muster.lxd.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.muster.events.operations.Operation;
import java.util.Map;

/**
 * LXD's response envelope. Every key is always present: {@code type} is {@code sync}, {@code async} or
 * {@code error}; async answers carry the operation's URL and the operation itself as metadata.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LxdResponse(
        @JsonProperty("type") String type,
        @JsonProperty("status") String status,
        @JsonProperty("status_code") int statusCode,
        @JsonProperty("operation") String operation,
        @JsonProperty("error_code") int errorCode,
        @JsonProperty("error") String error,
        @JsonProperty("metadata") Object metadata) {

    /** A successful answer; {@code null} metadata becomes LXD's empty object. */
    public static LxdResponse sync(Object metadata) {
        return new LxdResponse("sync", "Success", 200, "", 0, "", metadata == null ? Map.of() : metadata);
    }

    public static LxdResponse empty() {
        return sync(null);
    }

    public static LxdResponse async(Operation operation) {
        return new LxdResponse("async", "Operation created", 100, operationUrl(operation.id()), 0, "", operation);
    }

    public static LxdResponse error(int httpStatus, String message) {
        return new LxdResponse("error", "", 0, "", httpStatus, message, null);
    }

    public static String operationUrl(String id) {
        return "/1.0/operations/" + id;
    }
}
