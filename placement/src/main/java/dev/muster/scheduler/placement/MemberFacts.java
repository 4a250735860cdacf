package dev.muster.scheduler.placement;

import java.util.Set;

/**
 * What placement weighs about one member.
 *
 * @param order the member's join order, which keeps candidate lists stable
 * @param schedulerInstance the member's {@code scheduler.instance}: {@code all}, {@code manual} or {@code group}
 */
public record MemberFacts(
        String name,
        long order,
        String architecture,
        Set<String> groups,
        String schedulerInstance,
        boolean online,
        boolean evacuated) {

    public MemberFacts {
        groups = Set.copyOf(groups);
        schedulerInstance = schedulerInstance == null || schedulerInstance.isBlank() ? "all" : schedulerInstance;
    }

    MemberFacts withOnline(boolean value) {
        return new MemberFacts(name, order, architecture, groups, schedulerInstance, value, evacuated);
    }

    MemberFacts withEvacuated(boolean value) {
        return new MemberFacts(name, order, architecture, groups, schedulerInstance, online, value);
    }

    MemberFacts withGroups(Set<String> value) {
        return new MemberFacts(name, order, architecture, value, schedulerInstance, online, evacuated);
    }

    MemberFacts withSchedulerInstance(String value) {
        return new MemberFacts(name, order, architecture, groups, value, online, evacuated);
    }

    MemberFacts renamed(String newName) {
        return new MemberFacts(newName, order, architecture, groups, schedulerInstance, online, evacuated);
    }
}
