package dev.muster.scheduler.instances;

import java.util.Locale;

/** Why an instance is placed: created, moved by a client, or moved off (and back onto) an evacuated or dead member. */
public enum Reason {
    NEW,
    RELOCATION,
    EVACUATION,
    HEALING,
    RESTORE;

    /** LXD's name of the reason, as placement events and the scriptlet carry it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason a request names; anything but {@code relocation} asks for a new instance to be placed. */
    public static Reason ofRequest(String label) {
        return RELOCATION.label().equals(label) ? RELOCATION : NEW;
    }

    /** Whether the member an instance leaves can be asked to do anything: a dead one (healing) cannot. */
    public boolean sourceAnswers() {
        return this != HEALING;
    }
}
