package dev.muster.agent.instances;

import dev.muster.agent.heartbeat.MemberStateSource;
import dev.muster.events.heartbeats.MemberState;
import dev.muster.events.heartbeats.MemberState.Cpu;
import dev.muster.events.heartbeats.MemberState.Memory;
import dev.muster.events.heartbeats.MemberState.Resources;
import dev.muster.events.heartbeats.MemberState.StoragePoolState;
import dev.muster.events.heartbeats.MemberState.Usage;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's state with the capacity its runtime reports (an LXD daemon's CPU threads, memory and storage pool)
 * over what the host's {@code /proc} says; the host's own reading where the runtime says nothing, or cannot be
 * reached for a while.
 */
public final class RuntimeMemberState implements MemberStateSource {

    private static final Logger log = LoggerFactory.getLogger(RuntimeMemberState.class);

    /** How long the runtime's answer is used before it is asked again (LXD's resources take it a while to read). */
    private static final long REFRESH_NANOS = 10_000_000_000L;

    private final MemberStateSource host;
    private final InstanceRuntime runtime;
    private volatile boolean warned;
    private Optional<RuntimeResources> last = Optional.empty();
    private long readAt;
    private boolean read;

    public RuntimeMemberState(MemberStateSource host, InstanceRuntime runtime) {
        this.host = host;
        this.runtime = runtime;
    }

    @Override
    public MemberState stateAt(long sequence) {
        MemberState read = host.stateAt(sequence);
        Optional<RuntimeResources> resources;
        try {
            resources = resources();
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                log.warn(
                        "The {} runtime tells no resources, heartbeating the host's: {}",
                        runtime.kind(),
                        e.getMessage());
            }
            return read;
        }
        return resources.map(those -> withResources(read, those)).orElse(read);
    }

    private synchronized Optional<RuntimeResources> resources() {
        long now = System.nanoTime();
        if (!read || now - readAt > REFRESH_NANOS) {
            last = runtime.resources();
            readAt = now;
            read = true;
        }
        return last;
    }

    private static MemberState withResources(MemberState read, RuntimeResources resources) {
        String architecture = read.resources().cpu().architecture();
        return new MemberState(
                read.sysinfo(),
                Map.of(
                        resources.pool(),
                        new StoragePoolState(
                                new Usage(resources.spaceUsed(), resources.spaceTotal()),
                                new Usage(resources.inodesUsed(), resources.inodesTotal()))),
                new Resources(
                        new Cpu(architecture, resources.cpuThreads()),
                        new Memory(resources.memoryUsed(), resources.memoryTotal())));
    }
}
