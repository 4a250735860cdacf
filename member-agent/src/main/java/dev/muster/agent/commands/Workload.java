package dev.muster.agent.commands;

import dev.muster.agent.images.ImageDownloader;
import dev.muster.agent.images.ImageFetches;
import dev.muster.agent.instances.ImageFiles;
import dev.muster.agent.instances.InstanceRuntime;
import dev.muster.agent.instances.InstanceRuntime.InstanceSpec;
import dev.muster.agent.instances.InstanceRuntimeException;
import dev.muster.agent.instances.InstanceState;
import dev.muster.agent.instances.SimulatedRuntime;
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
import dev.muster.events.agents.ReportInstanceState;
import dev.muster.events.agents.ReportInventory;
import dev.muster.events.agents.RestartInstance;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.StopInstance;
import dev.muster.events.agents.UnfreezeInstance;
import dev.muster.events.agents.VerifyImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one member holds: its instances, in its {@link InstanceRuntime} (a standalone LXD daemon, or a simulation),
 * and the images it has verified copies of, in its image directory. Maps each command to the runtime's call and the
 * runtime's outcome to the command's answer: what the runtime refuses is a failed command with the runtime's reason.
 *
 * <p>With the simulated runtime every command but an image copy is carried out at once; with a real one, commands
 * are carried out one after the other on the member's own thread, so that a long one (an export) holds up neither
 * the agent's other members nor its reading of commands.
 */
public final class Workload implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Workload.class);

    /** LXD's project when none is named. */
    public static final String DEFAULT_PROJECT = InstanceRuntime.DEFAULT_PROJECT;

    /** The status reported for an instance this member does not have. */
    public static final String MISSING = InstanceRuntime.MISSING;

    /** LXD's instance type when none is named. */
    static final String DEFAULT_TYPE = "container";

    private static final String ROOTFS_SUFFIX = ".rootfs";

    private final Set<String> images = new ConcurrentSkipListSet<>();
    private final Path imageDirectory;
    private final InstanceRuntime runtime;
    /** The member's command thread, for a runtime whose commands take time; null for the simulated one. */
    private final ExecutorService serial;

    /** A workload that only records image copies, with simulated instances in memory (tests of instance commands). */
    public Workload() {
        this(null, new SimulatedRuntime());
    }

    /**
     * Simulated instances kept in memory.
     *
     * @param imageDirectory where this member keeps its image copies
     */
    public Workload(Path imageDirectory) {
        this(imageDirectory, new SimulatedRuntime());
    }

    /**
     * @param imageDirectory where this member keeps its image copies, or null for none (copies only recorded)
     * @param runtime where its instances are
     */
    public Workload(Path imageDirectory, InstanceRuntime runtime) {
        this.imageDirectory = imageDirectory;
        this.runtime = runtime;
        this.serial = runtime instanceof SimulatedRuntime
                ? null
                : Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "member-agent-instances");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Where this member keeps its image copies, or null. */
    public Path imageDirectory() {
        return imageDirectory;
    }

    /** Where this member's instances are. */
    public InstanceRuntime runtime() {
        return runtime;
    }

    /**
     * Carries the command out: an image copy that downloads in the background (it may take minutes, and the member's
     * other commands should not wait for it); with a real runtime, everything else on the member's command thread, in
     * the order given; with the simulated one, at once.
     */
    public CompletableFuture<AgentResult> start(AgentCommand command) {
        if (command instanceof CopyImage copy && downloads(copy)) {
            return ImageFetches.SHARED
                    .fetch(copy.fingerprint(), URI.create(copy.source()), copy.split(), imageDirectory)
                    .thenApply(problem -> problem == null ? copied(copy) : CommandResult.failed(copy, problem));
        }
        if (serial == null) {
            return CompletableFuture.completedFuture(carryOut(command));
        }
        return CompletableFuture.supplyAsync(() -> carryOut(command), serial).exceptionally(problem -> {
            log.error("Command {} for {} could not be carried out", command.commandId(), command.member(), problem);
            return CommandResult.failed(
                    command,
                    "The agent could not carry the command out ("
                            + problem.getClass().getSimpleName() + ")");
        });
    }

    /** With a {@code source} URL and an image directory, a copy is a real, verified download; otherwise only recorded. */
    private boolean downloads(CopyImage copy) {
        return imageDirectory != null
                && !copy.fingerprint().isBlank()
                && !copy.source().isBlank();
    }

    private CommandResult copied(CopyImage copy) {
        images.add(copy.fingerprint());
        return CommandResult.done(copy);
    }

    /** Carries the command out at once (an image copy included) and answers it. */
    public AgentResult carryOut(AgentCommand command) {
        return switch (command) {
            case CreateInstance create -> create(create);
            case StartInstance start -> change(start, () -> runtime.start(projectOf(start), start.name()));
            case StopInstance stop ->
                change(stop, () -> runtime.stop(projectOf(stop), stop.name(), stop.force(), stop.timeoutSeconds()));
            case RestartInstance restart ->
                change(
                        restart,
                        () -> runtime.restart(
                                projectOf(restart), restart.name(), restart.force(), restart.timeoutSeconds()));
            case FreezeInstance freeze -> change(freeze, () -> runtime.freeze(projectOf(freeze), freeze.name()));
            case UnfreezeInstance unfreeze ->
                change(unfreeze, () -> runtime.unfreeze(projectOf(unfreeze), unfreeze.name()));
            case DeleteInstance delete ->
                change(delete, () -> runtime.delete(projectOf(delete), delete.name(), delete.force()));
            case ExportInstance export ->
                change(
                        export,
                        () -> runtime.export(projectOf(export), export.name(), URI.create(export.destination())));
            case ImportInstance importing -> importInstance(importing);
            case ReportInstanceState report -> stateOf(report);
            case ReportInventory report -> inventory(report);
            case CopyImage copy -> copyImage(copy);
            case VerifyImage verify -> verifyImage(verify);
            case DeleteImage delete -> deleteImage(delete);
        };
    }

    /** A change the runtime makes: done (with its note, if any), or failed with the runtime's reason. */
    private static CommandResult change(AgentCommand command, RuntimeCall call) {
        try {
            String note = call.run();
            return note.isEmpty() ? CommandResult.done(command) : doneSaying(CommandResult.done(command), note);
        } catch (InstanceRuntimeException e) {
            return CommandResult.failed(command, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface RuntimeCall {
        String run();
    }

    private CommandResult create(CreateInstance create) {
        if (create.name().isBlank()) {
            return CommandResult.failed(create, "No instance name given");
        }
        String image = create.image();
        ImageFiles files = ImageFiles.NONE;
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
            files = filesOf(image);
        }
        String type = create.type().isBlank() ? DEFAULT_TYPE : create.type();
        ImageFiles from = files;
        return change(
                create,
                () -> runtime.create(new InstanceSpec(
                        projectOf(create),
                        create.name(),
                        type,
                        from,
                        create.config(),
                        create.devices(),
                        create.start())));
    }

    /** The member's files of an image: {@code <fp>}, and {@code <fp>.rootfs} for a split one. */
    private ImageFiles filesOf(String fingerprint) {
        if (imageDirectory == null) {
            return new ImageFiles(fingerprint, null, null);
        }
        Path file = imageDirectory.resolve(fingerprint);
        Path rootfs = imageDirectory.resolve(fingerprint + ROOTFS_SUFFIX);
        return new ImageFiles(fingerprint, file, Files.exists(rootfs) ? rootfs : null);
    }

    private CommandResult importInstance(ImportInstance importing) {
        if (importing.name().isBlank()) {
            return CommandResult.failed(importing, "No instance name given");
        }
        return change(
                importing,
                () -> runtime.importFrom(
                        projectOf(importing),
                        importing.name(),
                        URI.create(importing.source()),
                        importing.config(),
                        importing.start()));
    }

    private AgentResult stateOf(ReportInstanceState report) {
        InstanceState state;
        try {
            state = runtime.state(projectOf(report), report.name());
        } catch (InstanceRuntimeException e) {
            return CommandResult.failed(report, e.getMessage());
        }
        return new InstanceStateReported(
                report.member(),
                report.commandId(),
                report.project(),
                report.name(),
                state.status(),
                state.pid(),
                state.processes(),
                state.memoryUsage(),
                state.cpuUsage());
    }

    private AgentResult inventory(ReportInventory report) {
        try {
            return new InventoryReported(report.member(), report.commandId(), runtime.inventory(), List.copyOf(images));
        } catch (InstanceRuntimeException e) {
            return CommandResult.failed(report, e.getMessage());
        }
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

    private static String projectOf(AgentCommand command) {
        String project = command.project();
        return project == null || project.isBlank() ? DEFAULT_PROJECT : project;
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
    public Map<String, InstanceStatus> instances(String project) {
        return runtime.inventory().stream()
                .filter(instance -> instance.project().equals(project))
                .collect(Collectors.toUnmodifiableMap(
                        InventoryReported.InventoryInstance::name, instance -> InstanceStatus.of(instance.status())));
    }

    /** The fingerprints (or aliases) of the images this member holds. */
    public Set<String> images() {
        return Set.copyOf(images);
    }

    /** Stops the member's command thread and lets go of its runtime. */
    @Override
    public void close() {
        if (serial != null) {
            serial.shutdownNow();
        }
        runtime.close();
    }
}
