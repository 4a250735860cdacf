package dev.muster.membership.config;

import dev.muster.starlark.Environment;
import dev.muster.starlark.HostFunction;
import dev.muster.starlark.Module;
import dev.muster.starlark.Starlark;
import dev.muster.starlark.StarlarkException;
import dev.muster.starlark.StarlarkOptions;
import java.time.Duration;
import java.util.List;

/**
 * Checks an {@code instances.placement.scriptlet} before it is stored, as LXD compiles it on set: it must
 * compile against the placement built-ins (an unknown name is an error) and define {@code instance_placement}.
 */
public final class PlacementScriptlet {

    /** The host functions a placement scriptlet may call (LXD 5.21 and Incus). */
    public static final List<String> BUILTINS = List.of(
            "log_info",
            "log_warn",
            "log_error",
            "set_target",
            "set_cluster_member_target",
            "get_cluster_member_state",
            "get_cluster_member_resources",
            "get_instance_resources",
            "get_instances",
            "get_instances_count",
            "get_cluster_members",
            "get_project");

    private PlacementScriptlet() {}

    /** @throws IllegalArgumentException with the compiler's message */
    public static void validate(String source) {
        StarlarkOptions.Builder options = StarlarkOptions.builder();
        HostFunction unavailable = args -> null;
        BUILTINS.forEach(name -> options.predeclare(name, unavailable));
        Module module;
        try {
            module = Starlark.compile("instances.placement.scriptlet", source, options.build())
                    .execute(Environment.builder()
                            .maxSteps(100_000)
                            .timeout(Duration.ofSeconds(1))
                            .build());
        } catch (StarlarkException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (!module.has("instance_placement")) {
            throw new IllegalArgumentException("Scriptlet missing instance_placement function");
        }
    }
}
