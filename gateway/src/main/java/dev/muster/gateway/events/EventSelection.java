package dev.muster.gateway.events;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which events a client of {@code /1.0/events} asked for: {@code type} (a comma list, all types when absent) and
 * {@code project} or {@code all-projects}. An event of no project (a cluster member's lifecycle) goes to every client.
 *
 * @param project the one project wanted, or {@code null} for all of them
 */
record EventSelection(Set<String> types, String project) {

    static final List<String> TYPES = List.of("operation", "logging", "lifecycle");

    static EventSelection parse(String type, String project, String allProjects) {
        Set<String> types = new LinkedHashSet<>();
        if (type == null || type.isBlank()) {
            types.addAll(TYPES);
        } else {
            for (String each : Arrays.stream(type.split(",")).map(String::trim).toList()) {
                if (!TYPES.contains(each)) {
                    throw new IllegalArgumentException("'" + each + "' isn't a supported event type");
                }
                types.add(each);
            }
        }
        boolean everyProject = allProjects != null && (allProjects.equals("true") || allProjects.equals("1"));
        String wanted = everyProject ? null : (project == null || project.isBlank() ? "default" : project);
        return new EventSelection(Set.copyOf(types), wanted);
    }

    boolean wants(String type, String eventProject) {
        return types.contains(type) && (project == null || eventProject.isEmpty() || project.equals(eventProject));
    }
}
