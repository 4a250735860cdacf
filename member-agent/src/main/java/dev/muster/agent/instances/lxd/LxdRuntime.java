package dev.muster.agent.instances.lxd;

import dev.muster.agent.cluster.ServiceHttp;
import dev.muster.agent.instances.ImageFiles;
import dev.muster.agent.instances.InstanceRuntime;
import dev.muster.agent.instances.InstanceRuntimeException;
import dev.muster.agent.instances.InstanceState;
import dev.muster.agent.instances.RuntimeResources;
import dev.muster.agent.instances.lxd.UnixSocketHttp.Body;
import dev.muster.agent.instances.lxd.UnixSocketHttp.Response;
import dev.muster.events.agents.InventoryReported.InventoryInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Instances in a standalone LXD daemon, driven through its REST API on {@code <lxd-dir>/unix.socket}. Images are
 * imported into the daemon from the member's verified copy, so that the daemon's image has the same fingerprint;
 * instances have the same names as in Muster; a Muster project other than {@code default} is LXD's
 * {@code ?project=} (which must exist in the daemon). Exports are LXD backups (instance only, gzip) sent with an HTTP
 * PUT; imports create the instance from such a backup fetched with an HTTP GET.
 */
public final class LxdRuntime implements InstanceRuntime {

    /** The storage pool instances and backups go to. */
    public static final String POOL = "default";

    /** The name of the backup an export makes (and removes again). */
    static final String BACKUP = "muster-move";

    private static final Duration TRANSFER_TIMEOUT = Duration.ofHours(1);
    private static final int FORCED_STOP_TIMEOUT = -1;

    private final Path directory;
    private final LxdApi api;

    private LxdRuntime(Path directory) {
        this.directory = directory;
        this.api = new LxdApi(directory.resolve("unix.socket"));
    }

    /**
     * The daemon whose directory ({@code LXD_DIR}) is {@code directory}, once it answered.
     *
     * @throws IllegalStateException "LXD daemon at DIR is not reachable: …" when its socket does not answer
     */
    public static LxdRuntime connect(Path directory) {
        LxdRuntime runtime = new LxdRuntime(directory);
        try {
            JsonNode server = runtime.api.get("/1.0");
            if (!server.path("auth").asString("").equals("trusted")) {
                throw new IllegalStateException("LXD daemon at " + directory + " does not trust this agent");
            }
        } catch (InstanceRuntimeException e) {
            throw new IllegalStateException("LXD daemon at " + directory + " is not reachable: " + e.getMessage(), e);
        }
        return runtime;
    }

    @Override
    public String kind() {
        return "lxd";
    }

    public Path directory() {
        return directory;
    }

    @Override
    public String create(InstanceSpec spec) {
        Map<String, Object> source = new LinkedHashMap<>();
        if (spec.image().none()) {
            source.put("type", "none");
        } else {
            ensureImage(spec.project(), spec.image());
            source.put("type", "image");
            source.put("fingerprint", spec.image().fingerprint());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", spec.name());
        body.put("type", spec.type());
        body.put("source", source);
        body.put("config", spec.config());
        body.put("devices", spec.devices());
        body.put("profiles", List.of("default"));
        api.call("POST", inProject(spec.project(), "/1.0/instances"), body);
        if (spec.start()) {
            startOrRemove(spec.project(), spec.name());
        }
        return "";
    }

    /** Imports the member's copy of the image unless the daemon has it; the daemon's fingerprint must be the same. */
    private void ensureImage(String project, ImageFiles image) {
        String fingerprint = image.fingerprint();
        try {
            api.get(inProject(project, "/1.0/images/" + fingerprint));
            return;
        } catch (LxdException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
        if (image.file() == null || !Files.exists(image.file())) {
            throw new InstanceRuntimeException("The member holds no copy of image " + fingerprint);
        }
        JsonNode imported = image.split() ? uploadSplit(project, image) : uploadUnified(project, image);
        String actual = imported.path("fingerprint").asString("");
        if (!actual.equals(fingerprint)) {
            quietly(() -> api.call("DELETE", inProject(project, "/1.0/images/" + actual), null));
            throw new InstanceRuntimeException(
                    "The LXD daemon took image " + fingerprint + " for " + actual + "; it was removed again");
        }
    }

    private JsonNode uploadUnified(String project, ImageFiles image) {
        Path file = image.file();
        return api.send(
                "POST",
                inProject(project, "/1.0/images"),
                Map.of("Content-Type", "application/octet-stream", "X-LXD-filename", image.fingerprint()),
                fileBody(file));
    }

    /** A split image: the multipart form LXD takes, {@code metadata} then {@code rootfs}. */
    private JsonNode uploadSplit(String project, ImageFiles image) {
        String boundary = "muster-" + UUID.randomUUID();
        byte[] metadataHead = partHead(boundary, "metadata", true);
        byte[] rootfsHead = partHead(boundary, "rootfs", false);
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long length;
        try {
            length = metadataHead.length
                    + Files.size(image.file())
                    + rootfsHead.length
                    + Files.size(image.rootfs())
                    + end.length;
        } catch (IOException e) {
            throw new InstanceRuntimeException("The member's copy of image " + image.fingerprint() + " is unreadable");
        }
        Body body = new Body() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(metadataHead);
                Files.copy(image.file(), out);
                out.write(rootfsHead);
                Files.copy(image.rootfs(), out);
                out.write(end);
            }
        };
        return api.send(
                "POST",
                inProject(project, "/1.0/images"),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary),
                body);
    }

    private static Body fileBody(Path file) {
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw new InstanceRuntimeException("The member's image copy " + file + " is unreadable");
        }
        return new Body() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                Files.copy(file, out);
            }
        };
    }

    private static byte[] partHead(String boundary, String name, boolean first) {
        return ((first ? "" : "\r\n") + "--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String start(String project, String name) {
        if (status(project, name).equals("Running")) {
            return "The instance is already running";
        }
        changeState(project, name, Map.of("action", "start"));
        return "";
    }

    @Override
    public String stop(String project, String name, boolean force, int timeoutSeconds) {
        if (status(project, name).equals("Stopped")) {
            return "The instance is already stopped";
        }
        changeState(project, name, Map.of("action", "stop", "force", force, "timeout", timeoutSeconds));
        return "";
    }

    @Override
    public String restart(String project, String name, boolean force, int timeoutSeconds) {
        changeState(project, name, Map.of("action", "restart", "force", force, "timeout", timeoutSeconds));
        return "";
    }

    @Override
    public String freeze(String project, String name) {
        if (status(project, name).equals("Frozen")) {
            return "The instance is already frozen";
        }
        changeState(project, name, Map.of("action", "freeze"));
        return "";
    }

    @Override
    public String unfreeze(String project, String name) {
        changeState(project, name, Map.of("action", "unfreeze"));
        return "";
    }

    /** Without {@code force}, the daemon refuses to delete a running instance with its own reason. */
    @Override
    public String delete(String project, String name, boolean force) {
        if (force && !status(project, name).equals("Stopped")) {
            changeState(project, name, Map.of("action", "stop", "force", true, "timeout", FORCED_STOP_TIMEOUT));
        }
        api.call("DELETE", inProject(project, instance(name)), null);
        return "";
    }

    @Override
    public InstanceState state(String project, String name) {
        JsonNode state;
        try {
            state = api.get(inProject(project, instance(name) + "/state"));
        } catch (LxdException e) {
            if (e.notFound()) {
                return InstanceState.missing();
            }
            throw e;
        }
        return new InstanceState(
                state.path("status").asString(""),
                state.path("pid").asLong(0),
                state.path("processes").asInt(-1),
                state.path("memory").path("usage").asLong(0),
                state.path("cpu").path("usage").asLong(0));
    }

    @Override
    public List<InventoryInstance> inventory() {
        List<InventoryInstance> held = new ArrayList<>();
        for (JsonNode instance : api.get("/1.0/instances?recursion=1&all-projects=true")) {
            held.add(new InventoryInstance(
                    instance.path("project").asString(DEFAULT_PROJECT),
                    instance.path("name").asString(),
                    instance.path("type").asString(),
                    instance.path("status").asString()));
        }
        held.sort(Comparator.comparing(InventoryInstance::project).thenComparing(InventoryInstance::name));
        return held;
    }

    /** Makes an instance-only backup, streams it to {@code destination} with a PUT, and removes the backup again. */
    @Override
    public String export(String project, String name, URI destination) {
        String backups = instance(name) + "/backups";
        quietly(() -> api.call("DELETE", inProject(project, backups + "/" + BACKUP), null)); // a failed export's
        api.call(
                "POST",
                inProject(project, backups),
                Map.of(
                        "name",
                        BACKUP,
                        "instance_only",
                        true,
                        "optimized_storage",
                        false,
                        "compression_algorithm",
                        "gzip"));
        try (Response backup = api.stream(inProject(project, backups + "/" + BACKUP + "/export"))) {
            long length =
                    backup.header("Content-Length").isEmpty() ? -1 : Long.parseLong(backup.header("Content-Length"));
            HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(backup::body);
            HttpResponse<String> answer = ServiceHttp.client()
                    .send(
                            HttpRequest.newBuilder(destination)
                                    .timeout(TRANSFER_TIMEOUT)
                                    .header("Content-Type", "application/octet-stream")
                                    .PUT(length < 0 ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, length))
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
        } finally {
            quietly(() -> api.call("DELETE", inProject(project, backups + "/" + BACKUP), null));
        }
    }

    /** Streams the backup at {@code source} into the daemon as a new instance, then applies config and starts it. */
    @Override
    public String importFrom(String project, String name, URI source, Map<String, String> config, boolean start) {
        HttpResponse<InputStream> download;
        try {
            download = ServiceHttp.client()
                    .send(
                            HttpRequest.newBuilder(source)
                                    .timeout(TRANSFER_TIMEOUT)
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new InstanceRuntimeException("Import from " + source + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceRuntimeException("Import from " + source + " interrupted", e);
        }
        try (InputStream backup = download.body()) {
            if (download.statusCode() != 200) {
                throw new InstanceRuntimeException("Import from " + source + " failed: HTTP " + download.statusCode());
            }
            long length = download.headers().firstValueAsLong("Content-Length").orElse(-1);
            api.send(
                    "POST",
                    inProject(project, "/1.0/instances"),
                    Map.of(
                            "Content-Type", "application/octet-stream",
                            "X-LXD-pool", POOL,
                            "X-LXD-name", name),
                    new Body() {
                        @Override
                        public long length() {
                            return length;
                        }

                        @Override
                        public void writeTo(OutputStream out) throws IOException {
                            backup.transferTo(out);
                        }
                    });
        } catch (IOException e) {
            throw new InstanceRuntimeException("Import from " + source + " failed: " + e, e);
        }
        if (!config.isEmpty()) {
            try {
                api.call("PATCH", inProject(project, instance(name)), Map.of("config", config));
            } catch (InstanceRuntimeException e) {
                quietly(() -> api.call("DELETE", inProject(project, instance(name)), null));
                throw e;
            }
        }
        if (start) {
            startOrRemove(project, name);
        }
        return "";
    }

    /** The daemon's CPU threads and memory ({@code /1.0/resources}) and the space of the pool {@value #POOL}. */
    @Override
    public Optional<RuntimeResources> resources() {
        JsonNode host = api.get("/1.0/resources");
        JsonNode pool = api.get("/1.0/storage-pools/" + POOL + "/resources");
        return Optional.of(new RuntimeResources(
                host.path("cpu").path("total").asInt(0),
                host.path("memory").path("used").asLong(0),
                host.path("memory").path("total").asLong(0),
                POOL,
                pool.path("space").path("used").asLong(0),
                pool.path("space").path("total").asLong(0),
                pool.path("inodes").path("used").asLong(0),
                pool.path("inodes").path("total").asLong(0)));
    }

    /** An instance that was made to be started but does not start is removed again: nothing is left half-made. */
    private void startOrRemove(String project, String name) {
        try {
            changeState(project, name, Map.of("action", "start"));
        } catch (InstanceRuntimeException e) {
            quietly(() -> api.call("DELETE", inProject(project, instance(name)), null));
            throw e;
        }
    }

    private String status(String project, String name) {
        return api.get(inProject(project, instance(name) + "/state"))
                .path("status")
                .asString("");
    }

    private void changeState(String project, String name, Map<String, Object> action) {
        api.call("PUT", inProject(project, instance(name) + "/state"), action);
    }

    private static String instance(String name) {
        return "/1.0/instances/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /** Muster's project is LXD's, named only when it is not the default one. */
    private static String inProject(String project, String target) {
        if (project == null || project.isBlank() || project.equals(DEFAULT_PROJECT)) {
            return target;
        }
        return target + (target.contains("?") ? "&" : "?") + "project="
                + URLEncoder.encode(project, StandardCharsets.UTF_8);
    }

    /** Clean-up whose failure changes nothing about the outcome already decided. */
    private static void quietly(Runnable cleanUp) {
        try {
            cleanUp.run();
        } catch (RuntimeException e) {
            // the clean-up's own failure is not the answer
        }
    }
}
