package dev.muster.events.agents;

/** A command about one image a member holds. */
public sealed interface ImageCommand extends AgentCommand permits CopyImage, VerifyImage, DeleteImage {

    /** The image's SHA-256 fingerprint. */
    String fingerprint();

    @Override
    default String subject() {
        return fingerprint();
    }
}
