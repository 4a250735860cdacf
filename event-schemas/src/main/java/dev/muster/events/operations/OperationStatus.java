package dev.muster.events.operations;

import java.util.Arrays;

/** LXD's operation status codes and their names; a code of 200 or more is final. */
public enum OperationStatus {
    PENDING(105, "Pending"),
    RUNNING(103, "Running"),
    CANCELLING(104, "Cancelling"),
    SUCCESS(200, "Success"),
    FAILURE(400, "Failure"),
    CANCELLED(401, "Cancelled");

    private final int code;
    private final String text;

    OperationStatus(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    /** The status as LXD writes it in {@code status}, e.g. {@code Running}. */
    public String text() {
        return text;
    }

    public boolean isFinal() {
        return code >= 200;
    }

    public static OperationStatus fromCode(int code) {
        return Arrays.stream(values())
                .filter(s -> s.code == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operation status code " + code));
    }
}
