package dev.muster.scheduler.instances;

/**
 * What a member said of a command about one of its instances.
 *
 * @param message why it failed; empty when done
 */
public record AgentAnswer(String member, String project, String name, Command command, boolean done, String message) {

    /** Which command was answered, as far as the instance's status is concerned. */
    public enum Command {
        CREATE,
        START,
        STOP,
        OTHER
    }
}
