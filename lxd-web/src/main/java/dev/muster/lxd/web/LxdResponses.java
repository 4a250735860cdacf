package dev.muster.lxd.web;

import dev.muster.events.operations.Operation;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The shapes of LXD answers that need more than a body: async 202, created 201, recursion lists. */
public final class LxdResponses {

    private LxdResponses() {}

    /** {@code 202 Accepted} with {@code Location: /1.0/operations/<id>} and the operation as metadata. */
    public static ResponseEntity<LxdResponse> async(Operation operation) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create(LxdResponse.operationUrl(operation.id())))
                .body(LxdResponse.async(operation));
    }

    /** {@code 201 Created} with a {@code Location} header and null metadata, as LXD answers creations. */
    public static ResponseEntity<LxdResponse> created(String location) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create(location))
                .body(new LxdResponse("sync", "Success", 200, "", 0, "", null));
    }

    /** {@code 200} with a body and an {@code ETag} over the object's writable part. */
    public static <T> ResponseEntity<LxdResponse> withEtag(T object, Object writable) {
        return ResponseEntity.ok().eTag('"' + Etags.of(writable) + '"').body(LxdResponse.sync(object));
    }

    /**
     * A collection as LXD lists it: URLs for {@code recursion=0} (or absent), whole objects from {@code recursion=1}.
     */
    public static <T> LxdResponse list(int recursion, List<T> objects, Function<T, String> url) {
        return LxdResponse.sync(
                recursion >= 1 ? objects : objects.stream().map(url).toList());
    }

    /** Parses {@code recursion} as LXD does: anything that is not a number counts as 0. */
    public static int recursion(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
