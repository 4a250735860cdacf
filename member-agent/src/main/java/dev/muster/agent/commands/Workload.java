package dev.muster.agent.commands;

import dev.muster.agent.images.ImageDownloader;
import dev.muster.agent.images.ImageFetches;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.AgentResult;
import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.DeleteImage;
import dev.muster.events.agents.DeleteInstance;
import dev.muster.events.agents.ExportInstance;
import dev.muster.events.agents.FreezeInstance;
import dev.muster.events.agents.ImportInstance;
import dev.muster.events.agents.InstanceStateReported;
import dev.muster.events.agents.InventoryReported;
import dev.muster.events.agents.InventoryReported.InventoryInstance;
import dev.muster.events.agents.ReportInstanceState;
import dev.muster.events.agents.ReportInventory;
import dev.muster.events.agents.RestartInstance;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.StopInstance;
import dev.muster.events.agents.UnfreezeInstance;
import dev.muster.events.agents.VerifyImage;
import java.net.URI;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * What one member holds, kept in memory: its instances by project and name (no real containers; their states change
 * as LXD's would) and the images it has copies of. Carries out commands and says what came of them.
 */
public final class Workload {

    /** LXD's project when none is named. */
    public static final String DEFAULT_PROJECT = "default";

    /** The status reported for an instance this member does not have. */
    public static final String MISSING = "Missing";

    /** A simulated instance has no process of its own on the host. */
    private static final long NO_PID = 0;

    private static final int UNKNOWN_PROCESSES = -1;

    /** LXD's instance type when none is named. */
    static final String DEFAULT_TYPE = "container";

    /** An instance's identity on a member: its name is unique within its project. */
    private record InstanceKey(String project, String name) {}

    /** A simulated instance: what it is and whether it runs. */
    private record Instance(String type, InstanceStatus status) {
        Instance withStatus(InstanceStatus changed) {
            return new Instance(type, changed);
        }
    }

    private static final Comparator<InstanceKey> BY_PROJECT_AND_NAME =
            Comparator.comparing(InstanceKey::project).thenComparing(InstanceKey::name);

    private final Map<InstanceKey, Instance> instances = new TreeMap<>(BY_PROJECT_AND_NAME);
    private final Set<String> images = new TreeSet<>();
    private final Path imageDirectory;

    /** A workload that only records image copies (tests of instance commands). */
    public Workload() {
        this(null);
    }

    /** @param imageDirectory where this member keeps its image copies */
    public Workload(Path imageDirectory) {
        this.imageDirectory = imageDirectory;
    }

    /** Where this member keeps its image copies, or null. */
    public Path imageDirectory() {
        return imageDirectory;
    }

    /**
     * Carries the command out: an image copy that downloads in the background (it may take minutes, and the member's
     * other commands should not wait for it), everything else at once.
     */
    public CompletableFuture<AgentResult> start(AgentCommand command) {
        if (!(command instanceof CopyImage copy) || !downloads(copy)) {
            return CompletableFuture.completedFuture(carryOut(command));
        }
        return ImageFetches.SHARED
                .fetch(copy.fingerprint(), URI.create(copy.source()), copy.split(), imageDirectory)
                .thenApply(problem -> problem == null ? copied(copy) : CommandResult.failed(copy, problem));
    }

    /** With a {@code source} URL and an image directory, a copy is a real, verified download; otherwise only recorded. */
    private boolean downloads(CopyImage copy) {
        return imageDirectory != null
                && !copy.fingerprint().isBlank()
                && !copy.source().isBlank();
    }

    private synchronized CommandResult copied(CopyImage copy) {
        images.add(copy.fingerprint());
        return CommandResult.done(copy);
    }

    /** Carries the command out at once (an image copy included) and answers it. */
    public synchronized AgentResult carryOut(AgentCommand command) {
        return switch (command) {
            case CreateInstance create -> create(create);
            case StartInstance start -> start(start);
            case StopInstance stop -> stop(stop);
            case RestartInstance restart -> restart(restart);
            case FreezeInstance freeze ->
                CommandResult.unsupported(freeze, "The simulated runtime cannot freeze instances");
            case UnfreezeInstance unfreeze ->
                CommandResult.unsupported(unfreeze, "The simulated runtime cannot unfreeze instances");
            case DeleteInstance delete -> delete(delete);
            case ExportInstance export ->
                CommandResult.unsupported(export, "The simulated runtime cannot export instances");
            case ImportInstance importing ->
                CommandResult.unsupported(importing, "The simulated runtime cannot import instances");
            case ReportInstanceState report -> stateOf(report);
            case ReportInventory report -> inventory(report);
            case CopyImage copy -> copyImage(copy);
            case VerifyImage verify -> verifyImage(verify);
            case DeleteImage delete -> deleteImage(delete);
        };
    }

    private CommandResult create(CreateInstance create) {
        if (create.name().isBlank()) {
            return CommandResult.failed(create, "No instance name given");
        }
        InstanceKey key = keyOf(create.project(), create.name());
        if (instances.containsKey(key)) {
            return CommandResult.failed(create, "Instance \"" + create.name() + "\" already exists");
        }
        String image = create.image();
        if (!image.isBlank()) {
            // the instance is created from a verified copy of its image: one held already, else fetched now
            String source = create.imageSource();
            if (imageDirectory != null && !source.isBlank() && !images.contains(image)) {
                String problem = ImageFetches.SHARED
                        .fetch(image, URI.create(source), false, imageDirectory)
                        .join();
                if (problem != null) {
                    return CommandResult.failed(create, "Failed to fetch image " + image + ": " + problem);
                }
            }
            images.add(image);
        }
        String type = create.type().isBlank() ? DEFAULT_TYPE : create.type();
        instances.put(key, new Instance(type, create.start() ? InstanceStatus.RUNNING : InstanceStatus.STOPPED));
        return CommandResult.done(create);
    }

    /** Starting a running instance changes nothing: done, saying so (a command delivered twice is no failure). */
    private CommandResult start(StartInstance start) {
        InstanceKey key = keyOf(start.project(), start.name());
        Instance instance = instances.get(key);
        if (instance == null) {
            return notFound(start, start.name());
        }
        if (instance.status() == InstanceStatus.RUNNING) {
            return doneSaying(CommandResult.done(start), "The instance is already running");
        }
        instances.put(key, instance.withStatus(InstanceStatus.RUNNING));
        return CommandResult.done(start);
    }

    /** A simulated instance stops at once, asked to shut down or killed ({@code force}) alike. */
    private CommandResult stop(StopInstance stop) {
        InstanceKey key = keyOf(stop.project(), stop.name());
        Instance instance = instances.get(key);
        if (instance == null) {
            return notFound(stop, stop.name());
        }
        if (instance.status() == InstanceStatus.STOPPED) {
            return doneSaying(CommandResult.done(stop), "The instance is already stopped");
        }
        instances.put(key, instance.withStatus(InstanceStatus.STOPPED));
        return CommandResult.done(stop);
    }

    /** A running instance comes back running; a stopped one is not restarted, with LXD's message. */
    private CommandResult restart(RestartInstance restart) {
        Instance instance = instances.get(keyOf(restart.project(), restart.name()));
        if (instance == null) {
            return notFound(restart, restart.name());
        }
        if (instance.status() != InstanceStatus.RUNNING) {
            return CommandResult.failed(restart, "The instance is already stopped");
        }
        return CommandResult.done(restart);
    }

    /** A running instance is deleted only when forced (stopped first); the reason changes nothing here. */
    private CommandResult delete(DeleteInstance delete) {
        InstanceKey key = keyOf(delete.project(), delete.name());
        Instance instance = instances.get(key);
        if (instance == null) {
            return notFound(delete, delete.name());
        }
        if (instance.status() == InstanceStatus.RUNNING && !delete.force()) {
            return CommandResult.failed(delete, "The instance is running, stop it first (or pass force=true)");
        }
        instances.remove(key);
        return CommandResult.done(delete);
    }

    private InstanceStateReported stateOf(ReportInstanceState report) {
        Instance instance = instances.get(keyOf(report.project(), report.name()));
        return new InstanceStateReported(
                report.member(),
                report.commandId(),
                report.project(),
                report.name(),
                instance == null ? MISSING : instance.status().lxdName(),
                NO_PID,
                UNKNOWN_PROCESSES,
                0,
                0);
    }

    private InventoryReported inventory(ReportInventory report) {
        List<InventoryInstance> held = instances.entrySet().stream()
                .map(entry -> new InventoryInstance(
                        entry.getKey().project(),
                        entry.getKey().name(),
                        entry.getValue().type(),
                        entry.getValue().status().lxdName()))
                .toList();
        return new InventoryReported(report.member(), report.commandId(), held, List.copyOf(images));
    }

    private CommandResult copyImage(CopyImage copy) {
        if (copy.fingerprint().isBlank()) {
            return CommandResult.failed(copy, "No image fingerprint given");
        }
        if (downloads(copy)) {
            String problem = ImageFetches.SHARED
                    .fetch(copy.fingerprint(), URI.create(copy.source()), copy.split(), imageDirectory)
                    .join();
            if (problem != null) {
                return CommandResult.failed(copy, problem);
            }
        }
        images.add(copy.fingerprint());
        return CommandResult.done(copy);
    }

    /** Checks the member's copy against its fingerprint again; a corrupt copy is removed, so that it is never used. */
    private CommandResult verifyImage(VerifyImage verify) {
        String fingerprint = verify.fingerprint();
        if (imageDirectory == null) {
            return images.contains(fingerprint)
                    ? CommandResult.done(verify)
                    : CommandResult.failed(verify, "Image copy is missing");
        }
        String problem = ImageDownloader.verify(fingerprint, imageDirectory);
        if (problem != null) {
            images.remove(fingerprint);
            return CommandResult.failed(verify, problem);
        }
        images.add(fingerprint);
        return CommandResult.done(verify);
    }

    private CommandResult deleteImage(DeleteImage delete) {
        images.remove(delete.fingerprint());
        if (imageDirectory != null) {
            String problem = ImageDownloader.delete(delete.fingerprint(), imageDirectory);
            if (problem != null) {
                return CommandResult.failed(delete, problem);
            }
        }
        return CommandResult.done(delete);
    }

    private static InstanceKey keyOf(String project, String name) {
        return new InstanceKey(project == null || project.isBlank() ? DEFAULT_PROJECT : project, name);
    }

    private static CommandResult notFound(AgentCommand command, String name) {
        return CommandResult.failed(command, "Instance \"" + name + "\" not found");
    }

    /** A command that was done already: done all the same, with a word on it. */
    private static CommandResult doneSaying(CommandResult done, String message) {
        return new CommandResult(
                done.member(),
                done.commandId(),
                done.command(),
                done.project(),
                done.subject(),
                done.status(),
                message);
    }

    /** The instances of the default project and their states, by name (as LXD lists them without a project). */
    public Map<String, InstanceStatus> instances() {
        return instances(DEFAULT_PROJECT);
    }

    /** The instances of {@code project} and their states, by name. */
    public synchronized Map<String, InstanceStatus> instances(String project) {
        return instances.entrySet().stream()
                .filter(entry -> entry.getKey().project().equals(project))
                .collect(Collectors.toUnmodifiableMap(
                        entry -> entry.getKey().name(),
                        entry -> entry.getValue().status()));
    }

    /** The fingerprints (or aliases) of the images this member holds. */
    public synchronized Set<String> images() {
        return Set.copyOf(images);
    }
}
