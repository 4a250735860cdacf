package dev.muster.agent.instances;

import dev.muster.agent.cluster.ServiceHttp;
import dev.muster.events.agents.InventoryReported.InventoryInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Instances without containers: their states change as LXD's would, at once. With a directory, what it holds is
 * kept there too ({@value #FILE}, replaced atomically on every change), so that an agent restarted on the same
 * directory still has its instances. An export is a small JSON description of the instance, which an import on
 * another member reads back: enough for moves in simulated fleets.
 */
public final class SimulatedRuntime implements InstanceRuntime {

    /** The file that holds a member's simulated instances, in its directory. */
    public static final String FILE = "instances.json";

    static final String RUNNING = "Running";
    static final String STOPPED = "Stopped";
    static final String FROZEN = "Frozen";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(1);

    private record Key(String project, String name) {}

    /** One instance as kept on disk and sent in an export. */
    record Instance(
            String project,
            String name,
            String type,
            String status,
            Map<String, String> config,
            Map<String, Map<String, String>> devices) {
        Instance withStatus(String changed) {
            return new Instance(project, name, type, changed, config, devices);
        }
    }

    /** The file's content. */
    record Stored(List<Instance> instances) {}

    private static final Comparator<Key> BY_PROJECT_AND_NAME =
            Comparator.comparing(Key::project).thenComparing(Key::name);

    private final Map<Key, Instance> instances = new TreeMap<>(BY_PROJECT_AND_NAME);
    private final Path file;

    /** Instances kept in memory only. */
    public SimulatedRuntime() {
        this.file = null;
    }

    /** Instances kept in {@code directory} as well; those already there are read. */
    public SimulatedRuntime(Path directory) {
        this.file = directory.resolve(FILE);
        if (Files.exists(file)) {
            try {
                for (Instance instance :
                        JSON.readValue(file.toFile(), Stored.class).instances()) {
                    instances.put(new Key(instance.project(), instance.name()), instance);
                }
            } catch (JacksonException e) {
                throw new IllegalStateException("cannot read the simulated instances in " + file, e);
            }
        }
    }

    @Override
    public String kind() {
        return "simulated";
    }

    @Override
    public synchronized String create(InstanceSpec spec) {
        Key key = new Key(spec.project(), spec.name());
        if (instances.containsKey(key)) {
            throw new InstanceRuntimeException("Instance \"" + spec.name() + "\" already exists");
        }
        put(new Instance(
                spec.project(),
                spec.name(),
                spec.type(),
                spec.start() ? RUNNING : STOPPED,
                spec.config(),
                spec.devices()));
        return "";
    }

    /** Starting a frozen instance unfreezes it, as in LXD. */
    @Override
    public synchronized String start(String project, String name) {
        Instance instance = existing(project, name);
        if (instance.status().equals(RUNNING)) {
            return "The instance is already running";
        }
        put(instance.withStatus(RUNNING));
        return "";
    }

    /** A simulated instance stops at once, asked to shut down or killed ({@code force}) alike. */
    @Override
    public synchronized String stop(String project, String name, boolean force, int timeoutSeconds) {
        Instance instance = existing(project, name);
        if (instance.status().equals(STOPPED)) {
            return "The instance is already stopped";
        }
        put(instance.withStatus(STOPPED));
        return "";
    }

    @Override
    public synchronized String restart(String project, String name, boolean force, int timeoutSeconds) {
        Instance instance = existing(project, name);
        if (instance.status().equals(STOPPED)) {
            throw new InstanceRuntimeException("The instance is already stopped");
        }
        put(instance.withStatus(RUNNING));
        return "";
    }

    @Override
    public synchronized String freeze(String project, String name) {
        Instance instance = existing(project, name);
        if (instance.status().equals(FROZEN)) {
            return "The instance is already frozen";
        }
        if (!instance.status().equals(RUNNING)) {
            throw new InstanceRuntimeException("The instance isn't running");
        }
        put(instance.withStatus(FROZEN));
        return "";
    }

    @Override
    public synchronized String unfreeze(String project, String name) {
        Instance instance = existing(project, name);
        if (!instance.status().equals(FROZEN)) {
            throw new InstanceRuntimeException("The instance isn't frozen");
        }
        put(instance.withStatus(RUNNING));
        return "";
    }

    @Override
    public synchronized String delete(String project, String name, boolean force) {
        Instance instance = existing(project, name);
        if (!instance.status().equals(STOPPED) && !force) {
            throw new InstanceRuntimeException("The instance is running, stop it first (or pass force=true)");
        }
        instances.remove(new Key(project, name));
        save();
        return "";
    }

    @Override
    public synchronized InstanceState state(String project, String name) {
        Instance instance = instances.get(new Key(project, name));
        return instance == null ? InstanceState.missing() : InstanceState.ofStatus(instance.status());
    }

    @Override
    public synchronized List<InventoryInstance> inventory() {
        return instances.values().stream()
                .map(instance ->
                        new InventoryInstance(instance.project(), instance.name(), instance.type(), instance.status()))
                .toList();
    }

    /** PUTs the instance's JSON description to {@code destination}. */
    @Override
    public String export(String project, String name, URI destination) {
        Instance instance;
        synchronized (this) {
            instance = existing(project, name);
        }
        try {
            HttpResponse<String> answer = ServiceHttp.client()
                    .send(
                            HttpRequest.newBuilder(destination)
                                    .timeout(TRANSFER_TIMEOUT)
                                    .header("Content-Type", "application/json")
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(instance)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new InstanceRuntimeException("Export to " + destination + " failed: HTTP " + answer.statusCode());
            }
            return "";
        } catch (IOException e) {
            throw new InstanceRuntimeException("Export to " + destination + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceRuntimeException("Export to " + destination + " interrupted", e);
        }
    }

    /** GETs a description another simulated member exported and creates the instance from it. */
    @Override
    public String importFrom(String project, String name, URI source, Map<String, String> config, boolean start) {
        Instance exported;
        try {
            HttpResponse<byte[]> answer = ServiceHttp.client()
                    .send(
                            HttpRequest.newBuilder(source)
                                    .timeout(TRANSFER_TIMEOUT)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new InstanceRuntimeException("Import from " + source + " failed: HTTP " + answer.statusCode());
            }
            exported = JSON.readValue(answer.body(), Instance.class);
        } catch (IOException | JacksonException e) {
            throw new InstanceRuntimeException("Import from " + source + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceRuntimeException("Import from " + source + " interrupted", e);
        }
        Map<String, String> merged = new HashMap<>(exported.config() == null ? Map.of() : exported.config());
        merged.putAll(config);
        return create(new InstanceSpec(
                project,
                name,
                exported.type(),
                ImageFiles.NONE,
                merged,
                exported.devices() == null ? Map.of() : exported.devices(),
                start));
    }

    /** The host's /proc tells its capacity: a simulation has none of its own. */
    @Override
    public Optional<RuntimeResources> resources() {
        return Optional.empty();
    }

    private Instance existing(String project, String name) {
        Instance instance = instances.get(new Key(project, name));
        if (instance == null) {
            throw new InstanceRuntimeException("Instance \"" + name + "\" not found");
        }
        return instance;
    }

    private void put(Instance instance) {
        instances.put(new Key(instance.project(), instance.name()), instance);
        save();
    }

    /** Replaces the file in one move, so that a crash leaves the old content or the new, never half of one. */
    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                Files.write(temporary, JSON.writeValueAsBytes(new Stored(new ArrayList<>(instances.values()))));
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the simulated instances in " + file, e);
        }
    }
}
