package dev.muster.agent.host;

import dev.muster.agent.heartbeat.MemberStateSource;
import dev.muster.events.heartbeats.MemberState;
import dev.muster.events.heartbeats.MemberState.Cpu;
import dev.muster.events.heartbeats.MemberState.Memory;
import dev.muster.events.heartbeats.MemberState.Resources;
import dev.muster.events.heartbeats.MemberState.SysInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads this host's state from {@code /proc} (or another directory laid out like it, for tests) and the filesystem
 * of the storage path, which is reported as the pool {@code local}.
 */
public final class HostStateReader implements MemberStateSource {

    public static final String POOL = "local";

    private final Path proc;
    private final StoragePoolReader pool;
    private final String architecture;

    public HostStateReader(Path proc, Path storagePath, String architecture) {
        this.proc = proc;
        this.pool = new StoragePoolReader(storagePath);
        this.architecture = architecture;
    }

    /** The real host: {@code /proc}, the pool on {@code /}, the JVM's architecture. */
    public static HostStateReader ofThisHost() {
        return new HostStateReader(Path.of("/proc"), Path.of("/"), Architectures.host());
    }

    @Override
    public MemberState stateAt(long sequence) {
        return read();
    }

    public MemberState read() {
        Meminfo memory = Meminfo.parse(text("meminfo"));
        LoadAverage load = LoadAverage.parse(text("loadavg"));
        int cpus = LogicalCpus.count(text("stat"));
        if (cpus == 0) {
            cpus = Runtime.getRuntime().availableProcessors();
        }
        SysInfo sysinfo = new SysInfo(
                Uptime.parse(text("uptime")).seconds(),
                load.averages(),
                memory.total(),
                memory.free(),
                memory.shared(),
                memory.buffers(),
                memory.swapTotal(),
                memory.swapFree(),
                load.processes(),
                cpus);
        Resources resources = new Resources(new Cpu(architecture, cpus), new Memory(memory.used(), memory.total()));
        return new MemberState(sysinfo, Map.of(POOL, pool.read()), resources);
    }

    private String text(String file) {
        try {
            return Files.readString(proc.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + proc.resolve(file), e);
        }
    }
}
