package dev.muster.scheduler.instances;

/** One instance a member's runtime holds, as its inventory says, with LXD's status text. */
public record ReportedInstance(String project, String name, String status) {}
