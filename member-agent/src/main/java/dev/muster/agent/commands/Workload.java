package dev.muster.agent.commands;

import dev.muster.agent.images.ImageDownloader;
import dev.muster.agent.images.ImageFetches;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.AgentResult;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * What one member holds, kept in memory: its instances (no real containers; their states change as LXD's would)
 * and the images it has copies of. Carries out commands and says what came of them.
 */
public final class Workload {

    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String UNSUPPORTED = "unsupported";

    private final Map<String, InstanceStatus> instances = new TreeMap<>();
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
     * Carries the command out: an image copy in the background (it may take minutes, and the member's other commands
     * should not wait for it), everything else at once.
     */
    public CompletableFuture<AgentResult> start(AgentCommand command) {
        String fingerprint = command.target() == null ? "" : command.target();
        Map<String, String> arguments = command.arguments() == null ? Map.of() : command.arguments();
        String source = arguments.getOrDefault("source", "");
        if (!"image-copy".equals(command.action()) || imageDirectory == null || fingerprint.isBlank() || source.isBlank()) {
            return CompletableFuture.completedFuture(carryOut(command));
        }
        return ImageFetches.SHARED.fetch(fingerprint, URI.create(source), "true".equals(arguments.get("split")), imageDirectory)
                .thenApply(problem -> {
                    Outcome outcome = problem == null ? copied(fingerprint) : Outcome.failed(problem);
                    return new AgentResult(command.member(), command.commandId(), command.action(), fingerprint, outcome.status(),
                            outcome.message());
                });
    }

    private synchronized Outcome copied(String fingerprint) {
        images.add(fingerprint);
        return Outcome.done();
    }

    public synchronized AgentResult carryOut(AgentCommand command) {
        String action = command.action() == null ? "" : command.action();
        String target = command.target() == null ? "" : command.target();
        Map<String, String> arguments = command.arguments() == null ? Map.of() : command.arguments();
        Outcome outcome = switch (action) {
            case "instance-create" -> create(target, arguments);
            case "instance-start" -> start(target);
            case "instance-stop" -> stop(target);
            case "instance-delete" -> delete(target, arguments);
            case "image-copy" -> copyImage(target, arguments);
            case "image-verify" -> verifyImage(target);
            case "image-delete" -> deleteImage(target);
            default -> new Outcome(UNSUPPORTED, "Unsupported action \"" + action + "\"");
        };
        return new AgentResult(command.member(), command.commandId(), command.action(), command.target(), outcome.status(),
                outcome.message());
    }

    private record Outcome(String status, String message) {
        static Outcome done() {
            return new Outcome(DONE, "");
        }

        static Outcome failed(String message) {
            return new Outcome(FAILED, message);
        }
    }

    private Outcome create(String name, Map<String, String> arguments) {
        if (name.isBlank()) {
            return Outcome.failed("No instance name given");
        }
        if (instances.containsKey(name)) {
            return Outcome.failed("Instance \"" + name + "\" already exists");
        }
        String image = arguments.getOrDefault("image", "");
        if (!image.isBlank()) {
            // the instance is created from a verified copy of its image: one held already, else fetched now
            String source = arguments.getOrDefault("image-source", "");
            if (imageDirectory != null && !source.isBlank() && !images.contains(image)) {
                String problem = ImageFetches.SHARED.fetch(image, URI.create(source), false, imageDirectory).join();
                if (problem != null) {
                    return Outcome.failed("Failed to fetch image " + image + ": " + problem);
                }
            }
            images.add(image);
        }
        instances.put(name, "true".equals(arguments.get("start")) ? InstanceStatus.RUNNING : InstanceStatus.STOPPED);
        return Outcome.done();
    }

    private Outcome start(String name) {
        InstanceStatus status = instances.get(name);
        if (status == null) {
            return Outcome.failed("Instance \"" + name + "\" not found");
        }
        if (status == InstanceStatus.RUNNING) {
            return new Outcome(DONE, "The instance is already running");
        }
        instances.put(name, InstanceStatus.RUNNING);
        return Outcome.done();
    }

    private Outcome stop(String name) {
        InstanceStatus status = instances.get(name);
        if (status == null) {
            return Outcome.failed("Instance \"" + name + "\" not found");
        }
        if (status == InstanceStatus.STOPPED) {
            return new Outcome(DONE, "The instance is already stopped");
        }
        instances.put(name, InstanceStatus.STOPPED);
        return Outcome.done();
    }

    private Outcome delete(String name, Map<String, String> arguments) {
        InstanceStatus status = instances.get(name);
        if (status == null) {
            return Outcome.failed("Instance \"" + name + "\" not found");
        }
        if (status == InstanceStatus.RUNNING && !"true".equals(arguments.get("force"))) {
            return Outcome.failed("The instance is running, stop it first (or pass force=true)");
        }
        instances.remove(name);
        return Outcome.done();
    }

    /** With a {@code source} URL and an image directory, a real, verified download; otherwise only recorded. */
    private Outcome copyImage(String fingerprint, Map<String, String> arguments) {
        if (fingerprint.isBlank()) {
            return Outcome.failed("No image fingerprint given");
        }
        String source = arguments.getOrDefault("source", "");
        if (imageDirectory != null && !source.isBlank()) {
            String problem = ImageFetches.SHARED.fetch(fingerprint, URI.create(source), "true".equals(arguments.get("split")), imageDirectory)
                    .join();
            if (problem != null) {
                return Outcome.failed(problem);
            }
        }
        images.add(fingerprint);
        return Outcome.done();
    }

    /** Checks the member's copy against its fingerprint again; a corrupt copy is removed, so that it is never used. */
    private Outcome verifyImage(String fingerprint) {
        if (imageDirectory == null) {
            return images.contains(fingerprint) ? Outcome.done() : Outcome.failed("Image copy is missing");
        }
        String problem = ImageDownloader.verify(fingerprint, imageDirectory);
        if (problem != null) {
            images.remove(fingerprint);
            return Outcome.failed(problem);
        }
        images.add(fingerprint);
        return Outcome.done();
    }

    private Outcome deleteImage(String fingerprint) {
        images.remove(fingerprint);
        if (imageDirectory != null) {
            String problem = ImageDownloader.delete(fingerprint, imageDirectory);
            if (problem != null) {
                return Outcome.failed(problem);
            }
        }
        return Outcome.done();
    }

    /** The instances and their states, by name. */
    public synchronized Map<String, InstanceStatus> instances() {
        return Map.copyOf(instances);
    }

    /** The fingerprints (or aliases) of the images this member holds. */
    public synchronized Set<String> images() {
        return Set.copyOf(images);
    }
}
