package dev.muster.scheduler.instances;

/**
 * A command the scheduler refuses, with the kind of refusal (which the web adapter maps to LXD's status codes) and
 * LXD's message where LXD has one.
 */
public final class InstanceRejection extends RuntimeException {

    /** Why a command was refused. */
    public enum Kind {
        INVALID,
        NOT_FOUND,
        CONFLICT,
        FORBIDDEN,
        UNAVAILABLE
    }

    private final Kind kind;

    private InstanceRejection(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static InstanceRejection invalid(String format, Object... args) {
        return new InstanceRejection(Kind.INVALID, format(format, args));
    }

    public static InstanceRejection notFound(String format, Object... args) {
        return new InstanceRejection(Kind.NOT_FOUND, format(format, args));
    }

    public static InstanceRejection conflict(String format, Object... args) {
        return new InstanceRejection(Kind.CONFLICT, format(format, args));
    }

    public static InstanceRejection forbidden(String format, Object... args) {
        return new InstanceRejection(Kind.FORBIDDEN, format(format, args));
    }

    /** The instance a command names does not exist (in its project). */
    public static InstanceRejection instanceNotFound() {
        return notFound("Instance not found");
    }

    /** A creation, a move or a placement of the instance is still under way. */
    public static InstanceRejection busy(String name) {
        return conflict("Instance \"%s\" is busy with another operation", name);
    }

    private static String format(String format, Object... args) {
        return args.length == 0 ? format : String.format(format, args);
    }
}
