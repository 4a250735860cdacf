package dev.muster.agent.probe;

/** What the probe answers for a member: its HTTP status and a word for people reading it. */
public enum ProbeAnswer {
    /** The member's agent lives: 200. */
    ALIVE(200, "alive"),
    /** The member's agent is dead (a simulated kill) or stopped: 503. */
    DEAD(503, "dead"),
    /** No such member here: 404. */
    UNKNOWN(404, "unknown");

    private final int status;
    private final String word;

    ProbeAnswer(int status, String word) {
        this.status = status;
        this.word = word;
    }

    public int status() {
        return status;
    }

    public String word() {
        return word;
    }
}
