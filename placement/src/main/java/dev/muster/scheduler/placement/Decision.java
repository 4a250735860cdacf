package dev.muster.scheduler.placement;

/** What placement decided for one request. */
public sealed interface Decision {

    /** The instance goes to {@code member}. */
    record Placed(String member) implements Decision {}

    /** No member may take it: {@code status} and {@code message} are LXD's answer. */
    record Rejected(int status, String message) implements Decision {
        public static Rejected noCandidate() {
            return new Rejected(404, "No suitable cluster member could be found");
        }
    }
}
