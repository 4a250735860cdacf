package dev.muster.eventing.store;

/**
 * Another writer appended to the stream since it was read. Reload the stream, decide again and retry.
 */
public final class ConcurrencyConflict extends RuntimeException {
    private final String streamId;
    private final long expectedVersion;

    public ConcurrencyConflict(String streamId, long expectedVersion, long actualVersion) {
        super("stream " + streamId + " is at version " + actualVersion + ", expected " + expectedVersion);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
    }

    public ConcurrencyConflict(String streamId, long expectedVersion) {
        super("stream " + streamId + " was appended to concurrently at version " + (expectedVersion + 1));
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
