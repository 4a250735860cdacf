package dev.muster.lxd.web;

import org.springframework.http.HttpStatus;

/**
 * An error a client caused or must be told about, answered as LXD's error envelope with this status and
 * message. Messages follow LXD's wording where LXD has one, since clients match on them.
 */
public class LxdException extends RuntimeException {

    /** LXD's message for a path it does not serve, word for word ({@code response.NotFound(nil)}). */
    public static final String NOT_FOUND = "not found";

    private final HttpStatus status;

    public LxdException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public static LxdException badRequest(String format, Object... args) {
        return new LxdException(HttpStatus.BAD_REQUEST, format(format, args));
    }

    public static LxdException notFound(String format, Object... args) {
        return new LxdException(HttpStatus.NOT_FOUND, format(format, args));
    }

    public static LxdException conflict(String format, Object... args) {
        return new LxdException(HttpStatus.CONFLICT, format(format, args));
    }

    public static LxdException forbidden(String format, Object... args) {
        return new LxdException(HttpStatus.FORBIDDEN, format(format, args));
    }

    public static LxdException preconditionFailed(String format, Object... args) {
        return new LxdException(HttpStatus.PRECONDITION_FAILED, format(format, args));
    }

    public static LxdException unavailable(String format, Object... args) {
        return new LxdException(HttpStatus.SERVICE_UNAVAILABLE, format(format, args));
    }

    private static String format(String format, Object... args) {
        return args.length == 0 ? format : String.format(format, args);
    }
}
