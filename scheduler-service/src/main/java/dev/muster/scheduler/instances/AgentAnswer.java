package dev.muster.scheduler.instances;

/**
 * What a member said of a command about one of its instances.
 *
 * @param message why it failed or was not supported; empty when done
 */
public record AgentAnswer(
        String member, String project, String name, Command command, Outcome outcome, String message) {

    /** Which command was answered. */
    public enum Command {
        CREATE,
        START,
        STOP,
        RESTART,
        FREEZE,
        UNFREEZE,
        EXPORT,
        IMPORT,
        OTHER
    }

    /** How it went: done, failed, or not something the member's runtime can do (nothing changed). */
    public enum Outcome {
        DONE,
        FAILED,
        UNSUPPORTED
    }

    public boolean done() {
        return outcome == Outcome.DONE;
    }

    public boolean unsupported() {
        return outcome == Outcome.UNSUPPORTED;
    }
}
