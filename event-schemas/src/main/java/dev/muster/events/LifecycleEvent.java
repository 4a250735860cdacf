package dev.muster.events;

/** A public event that LXD reports as a lifecycle event on {@code /1.0/events}, e.g. {@code cluster-member-added}. */
public interface LifecycleEvent extends PublicEvent {

    /** LXD's lifecycle action name. */
    String lifecycleAction();

    /** The URL of the entity, e.g. {@code /1.0/cluster/members/m1}, as LXD's {@code source}. */
    String lifecycleSource();
}
