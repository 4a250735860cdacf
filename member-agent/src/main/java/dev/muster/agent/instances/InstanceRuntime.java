package dev.muster.agent.instances;

import dev.muster.events.agents.InventoryReported.InventoryInstance;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a member's instances really are: the seam between the agent's protocol (the commands and their answers, in
 * {@code commands/}) and the thing that runs instances, a standalone LXD daemon or a simulation of one. Every method
 * acts at once and returns when the runtime is done; what the runtime refuses comes back as an
 * {@link InstanceRuntimeException} carrying the runtime's own reason (the daemon's error text).
 *
 * <p>The methods that change an instance return a note: empty when there is nothing to say, otherwise a word on a
 * change that was made already (starting a running instance), which is no failure.
 */
public interface InstanceRuntime extends AutoCloseable {

    /** LXD's project when none is named. */
    String DEFAULT_PROJECT = "default";

    /** The status of an instance the runtime does not have. */
    String MISSING = "Missing";

    /** What the runtime is, for messages and logs: {@code simulated} or {@code lxd}. */
    String kind();

    /**
     * Creates the instance from the image held by the member ({@link ImageFiles#NONE} for none) with the instance's
     * own config and devices, started if {@code start}. Nothing is left behind when it fails.
     */
    String create(InstanceSpec spec);

    String start(String project, String name);

    /** @param timeoutSeconds how long a clean shutdown may take before it fails, -1 as long as it takes */
    String stop(String project, String name, boolean force, int timeoutSeconds);

    String restart(String project, String name, boolean force, int timeoutSeconds);

    String freeze(String project, String name);

    String unfreeze(String project, String name);

    /** @param force a running instance is stopped first instead of the delete being refused */
    String delete(String project, String name, boolean force);

    /** The instance's state; {@link InstanceState#missing()} when the runtime does not have it. */
    InstanceState state(String project, String name);

    /** Every instance the runtime holds, in every project, ordered by project and name. */
    List<InventoryInstance> inventory();

    /** Sends the instance (root file system and configuration) to {@code destination} with an HTTP PUT. */
    String export(String project, String name, URI destination);

    /**
     * Creates the instance {@code name} from what another member exported to {@code source} (an HTTP GET), with
     * {@code config} over the exported config, started if {@code start}.
     */
    String importFrom(String project, String name, URI source, Map<String, String> config, boolean start);

    /** What the runtime says of the host's capacity, or empty when the host's own /proc is the better source. */
    Optional<RuntimeResources> resources();

    @Override
    default void close() {}

    /** An instance to create. */
    record InstanceSpec(
            String project,
            String name,
            String type,
            ImageFiles image,
            Map<String, String> config,
            Map<String, Map<String, String>> devices,
            boolean start) {
        public InstanceSpec {
            config = Map.copyOf(config);
            devices = Map.copyOf(devices);
        }
    }
}
