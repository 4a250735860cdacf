package dev.muster.scheduler.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.muster.lxd.web.LxdException;
import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.LxdResponses;
import dev.muster.scheduler.application.InstanceService;
import dev.muster.scheduler.instances.Creation;
import dev.muster.scheduler.instances.ImageSource;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.InstanceNames;
import dev.muster.scheduler.instances.StateAction;
import dev.muster.scheduler.instances.StateChange;
import dev.muster.scheduler.placement.PlacementTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /1.0/instances}: LXD's instances API, placed by the decision loop. */
@RestController
@RequestMapping("/1.0/instances")
class InstancesController {

    /** LXD's {@code InstancesPost}, the fields Muster uses. */
    record InstancesPost(
            String name,
            String type,
            String architecture,
            String description,
            Map<String, String> config,
            Map<String, Map<String, String>> devices,
            List<String> profiles,
            Source source,
            Boolean start) {}

    record Source(String type, String alias, String fingerprint, String server) {}

    /** LXD's {@code InstancePost}: a move with {@code ?target=}. */
    record InstancePost(String name, Boolean migration, Boolean live) {}

    /** LXD's {@code InstanceStatePut}. */
    record InstanceStatePut(String action, Integer timeout, Boolean force, Boolean stateful) {}

    /** LXD's {@code InstanceState}: Muster knows no disk or network figures, so those are empty. */
    record InstanceStateView(
            String status,
            int statusCode,
            Map<String, Object> disk,
            Map<String, Long> memory,
            Map<String, Object> network,
            long pid,
            int processes,
            Map<String, Long> cpu) {

        static InstanceStateView of(InstanceService.State state) {
            return new InstanceStateView(
                    state.status(),
                    InstanceView.statusCode(state.status()),
                    Map.of(),
                    Map.of("usage", state.memoryUsage(), "usage_peak", 0L, "swap_usage", 0L, "swap_usage_peak", 0L),
                    Map.of(),
                    state.pid(),
                    state.processes(),
                    Map.of("usage", state.cpuUsage()));
        }
    }

    /**
     * LXD's {@code Instance}; {@code status_message} (Muster's, absent when empty) says why an instance is in
     * {@code Error} when its member did not say so.
     */
    record InstanceView(
            String name,
            String description,
            String type,
            String architecture,
            Map<String, String> config,
            Map<String, Map<String, String>> devices,
            boolean ephemeral,
            List<String> profiles,
            boolean stateful,
            Instant createdAt,
            Instant lastUsedAt,
            String location,
            String status,
            int statusCode,
            String project,
            Map<String, String> expandedConfig,
            Map<String, Map<String, String>> expandedDevices,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String statusMessage) {

        static InstanceView of(Instance instance) {
            String status = instance.placed() ? instance.status() : Instance.STOPPED;
            return new InstanceView(
                    instance.name(),
                    instance.description(),
                    instance.type(),
                    instance.architecture(),
                    instance.config(),
                    instance.devices(),
                    false,
                    instance.profiles(),
                    false,
                    instance.createdAt(),
                    Instant.EPOCH,
                    instance.placed() ? instance.location() : "",
                    status,
                    statusCode(status),
                    instance.project(),
                    instance.config(),
                    instance.devices(),
                    instance.statusMessage());
        }

        /** LXD's status codes: {@code api.Running}, {@code api.Stopped}, {@code api.Frozen}, {@code api.Error} (112). */
        private static final int RUNNING_CODE = 103;

        private static final int FROZEN_CODE = 110;

        private static final int STOPPED_CODE = 102;
        private static final int ERROR_CODE = 112;

        static int statusCode(String status) {
            return switch (status) {
                case Instance.RUNNING -> RUNNING_CODE;
                case Instance.FROZEN -> FROZEN_CODE;
                case Instance.STOPPED -> STOPPED_CODE;
                default -> ERROR_CODE;
            };
        }
    }

    private static final String DEFAULT_TYPE = "container";
    private static final List<String> TYPES = List.of(DEFAULT_TYPE, "virtual-machine");
    private static final String NO_SOURCE = "none";
    private static final String IMAGE_SOURCE = "image";

    private final InstanceService instances;

    InstancesController(InstanceService instances) {
        this.instances = instances;
    }

    @GetMapping
    LxdResponse list(
            @RequestParam(required = false) String recursion, @RequestParam(defaultValue = "default") String project) {
        List<InstanceView> views =
                instances.all(project).stream().map(InstanceView::of).toList();
        return LxdResponses.list(LxdResponses.recursion(recursion), views, view -> "/1.0/instances/" + view.name());
    }

    @PostMapping
    ResponseEntity<LxdResponse> create(
            @RequestBody InstancesPost post,
            @RequestParam(required = false) String target,
            @RequestParam(defaultValue = "default") String project) {
        String problem = InstanceNames.problemWith(post.name());
        if (problem != null) {
            throw LxdException.badRequest("Invalid instance name: %s", problem);
        }
        String type = post.type() == null || post.type().isEmpty() ? DEFAULT_TYPE : post.type();
        if (!TYPES.contains(type)) {
            throw LxdException.badRequest("Invalid instance type \"%s\"", type);
        }
        String sourceType = post.source() == null || post.source().type() == null
                ? NO_SOURCE
                : post.source().type();
        if (!List.of(NO_SOURCE, IMAGE_SOURCE).contains(sourceType)) {
            throw LxdException.badRequest("Unknown source type %s", sourceType);
        }
        ImageSource image = sourceType.equals(IMAGE_SOURCE)
                ? new ImageSource(
                        post.source().alias(),
                        post.source().fingerprint(),
                        post.source().server())
                : null;
        return LxdResponses.async(instances.create(new Creation(
                project,
                post.name(),
                type,
                post.architecture() == null ? "" : post.architecture(),
                post.description() == null ? "" : post.description(),
                post.config() == null ? Map.of() : post.config(),
                post.devices() == null ? Map.of() : post.devices(),
                post.profiles() == null ? List.of("default") : post.profiles(),
                Boolean.TRUE.equals(post.start()),
                PlacementTarget.parse(target),
                image)));
    }

    @GetMapping("/{name}")
    LxdResponse get(@PathVariable String name, @RequestParam(defaultValue = "default") String project) {
        return LxdResponse.sync(InstanceView.of(instances.existing(project, name)));
    }

    /** A move to another member ({@code ?target=m2}) or into a group ({@code ?target=@gpu}). */
    @PostMapping("/{name}")
    ResponseEntity<LxdResponse> move(
            @PathVariable String name,
            @RequestBody(required = false) InstancePost post,
            @RequestParam(required = false) String target,
            @RequestParam(defaultValue = "default") String project) {
        if (target == null || target.isBlank()) {
            instances.existing(project, name);
            throw LxdException.badRequest("Renaming instances is not supported; give ?target= to move one");
        }
        boolean live = post != null && Boolean.TRUE.equals(post.live());
        return LxdResponses.async(instances.move(project, name, PlacementTarget.parse(target), live));
    }

    /** {@code lxc start / stop / restart / pause}, and {@code lxc delete --force}'s stop. */
    @PutMapping("/{name}/state")
    ResponseEntity<LxdResponse> changeState(
            @PathVariable String name,
            @RequestBody InstanceStatePut put,
            @RequestParam(defaultValue = "default") String project) {
        StateChange change = new StateChange(
                StateAction.parse(put.action()),
                put.timeout() == null ? -1 : put.timeout(),
                Boolean.TRUE.equals(put.force()),
                Boolean.TRUE.equals(put.stateful()));
        return LxdResponses.async(instances.changeState(project, name, change));
    }

    @GetMapping("/{name}/state")
    LxdResponse state(@PathVariable String name, @RequestParam(defaultValue = "default") String project) {
        return LxdResponse.sync(InstanceStateView.of(instances.state(project, name)));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<LxdResponse> delete(
            @PathVariable String name, @RequestParam(defaultValue = "default") String project) {
        return LxdResponses.async(instances.delete(project, name));
    }
}
