package dev.muster.scheduler.scriptlet;

import dev.muster.events.heartbeats.MemberState;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.MemberFacts;
import dev.muster.scheduler.placement.PlacementPolicy;
import dev.muster.scheduler.placement.PlacementRequest;
import dev.muster.starlark.Arguments;
import dev.muster.starlark.Environment;
import dev.muster.starlark.EvalException;
import dev.muster.starlark.HostFunction;
import dev.muster.starlark.Module;
import dev.muster.starlark.Starlark;
import dev.muster.starlark.StarlarkException;
import dev.muster.starlark.StarlarkOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code instances.placement.scriptlet} as the scheduler's {@link PlacementPolicy}: compiled once when the
 * server configuration changes, then {@code instance_placement(request=…, candidate_members=…)} is called for each
 * placement with LXD's and Incus's host functions. {@code set_target} chooses; not calling it leaves the choice to the
 * default; returning a value, {@code fail()}, an error, the step budget or the time limit refuses the placement with
 * {@code Failed instance placement scriptlet: …}. Calls are serialised by the placer.
 */
public class ScriptletPolicy implements PlacementPolicy {

    static final String FUNCTION = "instance_placement";
    private static final String PREFIX = "Failed instance placement scriptlet: ";
    private static final Logger log = LoggerFactory.getLogger("instance-placement-scriptlet");

    private final MemberStates states;
    private final Map<String, Converted> stateStructs = new ConcurrentHashMap<>();
    private final Map<String, Converted> resourceStructs = new ConcurrentHashMap<>();
    private final Map<MemberFacts, Object> memberStructs = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile Module module;
    private String source = "";
    /** The placement being decided (calls are serialised by the placer). */
    private Call call;

    private record Call(PlacementRequest request, List<MemberFacts> candidates, ClusterView view, String[] target) {}

    public ScriptletPolicy(MemberStates states) {
        this.states = states;
    }

    /** Installs the scriptlet of the server configuration; blank removes it. A scriptlet that does not compile is ignored. */
    public synchronized void use(String newSource) {
        String value = newSource == null ? "" : newSource;
        if (value.equals(source)) {
            return;
        }
        source = value;
        if (value.isBlank()) {
            module = null;
            return;
        }
        try {
            Module compiled = Starlark.compile("instances.placement.scriptlet", value, options())
                    .execute(limits(Duration.ofSeconds(1)));
            module = compiled.has(FUNCTION) ? compiled : null;
        } catch (StarlarkException e) {
            log.warn("The placement scriptlet does not compile and is not used: {}", e.getMessage());
            module = null;
        }
    }

    public boolean active() {
        return module != null;
    }

    @Override
    public Optional<String> choose(PlacementRequest request, List<MemberFacts> candidates, ClusterView view) {
        Module current = module;
        if (current == null) {
            return Optional.empty();
        }
        String[] target = new String[1];
        call = new Call(request, candidates, view, target);
        try {
            Object result = current.call(
                    limits(Duration.ofSeconds(2)),
                    FUNCTION,
                    List.of(),
                    Map.of(
                            "request",
                            requestValue(request),
                            "candidate_members",
                            candidates.stream()
                                    .map(facts -> memberStructs.computeIfAbsent(facts, this::member))
                                    .toList()));
            if (result != null) {
                throw new PlacementRefused(PREFIX + "Failed with unexpected return value: " + result);
            }
            return Optional.ofNullable(target[0]);
        } catch (StarlarkException e) {
            throw new PlacementRefused(PREFIX + e.getMessage());
        } finally {
            call = null;
        }
    }

    private StarlarkOptions options() {
        StarlarkOptions.Builder options = StarlarkOptions.builder();
        options.predeclare("log_info", logger(log::info));
        options.predeclare("log_warn", logger(log::warn));
        options.predeclare("log_error", logger(log::error));
        HostFunction setTarget = this::setTarget;
        options.predeclare("set_target", setTarget);
        options.predeclare("set_cluster_member_target", setTarget);
        options.predeclare(
                "get_cluster_member_state",
                arguments -> converted(arguments, stateStructs, name -> {
                    Map<String, Object> state = memberData(arguments, name, states::state);
                    Map<String, Object> pools = new LinkedHashMap<>();
                    asMap(state.get("storage_pools"))
                            .forEach((pool, value) -> pools.put(pool, struct("StoragePoolState", asMap(value))));
                    return Starlark.struct(
                            "ClusterMemberState",
                            Map.of(
                                    "sysinfo",
                                    struct("ClusterMemberSysInfo", asMap(state.get("sysinfo"))),
                                    "storage_pools",
                                    pools));
                }));
        options.predeclare(
                "get_cluster_member_resources",
                arguments -> converted(
                        arguments,
                        resourceStructs,
                        name -> struct("Resources", memberData(arguments, name, states::resources))));
        options.predeclare("get_instance_resources", arguments -> {
            Call current = current(arguments);
            return struct(
                    "InstanceResources",
                    InstanceResources.of(
                            current.request().spec().config(),
                            current.request().spec().devices()));
        });
        options.predeclare("get_instances_count", this::instancesCount);
        options.predeclare("get_cluster_members", this::clusterMembers);
        options.predeclare("get_instances", arguments -> List.of());
        options.predeclare("get_project", arguments -> Map.of("name", "default", "config", Map.of()));
        return options.build();
    }

    /** What one run of the scriptlet may allocate. */
    static final long MAX_ALLOCATED_BYTES = 32L << 20;

    private static Environment limits(Duration timeout) {
        return Environment.builder()
                .maxSteps(5_000_000)
                .timeout(timeout)
                .maxCollectionSize(100_000)
                // well under the scheduler's heap: a scriptlet that builds many large values fails its placement,
                // and the scheduler stays up
                .maxAllocatedBytes(MAX_ALLOCATED_BYTES)
                .print(line -> log.info("{}", line))
                .build();
    }

    private static HostFunction logger(Consumer<String> sink) {
        return arguments -> {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < arguments.size(); i++) {
                parts.add(String.valueOf(arguments.get(i)));
            }
            sink.accept("Instance placement scriptlet: " + String.join(" ", parts));
            return null;
        };
    }

    private Object setTarget(Arguments arguments) {
        Call current = current(arguments);
        String name = arguments.size() > 0 ? arguments.getString(0) : String.valueOf(arguments.get("member_name"));
        if (current.candidates().stream().noneMatch(member -> member.name().equals(name))) {
            throw new EvalException("Couldn't find a cluster member with name \"" + name + "\" among the candidates");
        }
        current.target()[0] = name;
        return null;
    }

    /** LXD hands Go structs to scriptlets: attribute access, nested structs for nested objects. */
    private static Object struct(String type, Map<String, Object> fields) {
        Map<String, Object> converted = new LinkedHashMap<>();
        fields.forEach((name, value) ->
                converted.put(name, value instanceof Map<?, ?> ? struct(name, asMap(value)) : value));
        return Starlark.struct(type, converted);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /**
     * A member's state as a Starlark value, converted once per heartbeat: a scriptlet that scans a thousand candidates
     * on every placement should not convert a thousand states each time.
     */
    private Object converted(Arguments arguments, Map<String, Converted> cache, Function<String, Object> convert) {
        current(arguments);
        String name = arguments.size() > 0 ? arguments.getString(0) : String.valueOf(arguments.get("member_name"));
        MemberState source = states.latest(name);
        Converted cached = cache.get(name);
        // identity on purpose: a conversion stands as long as the member's latest state is the very same object
        if (cached != null && isSameObject(cached.source(), source) && source != null) {
            return cached.value();
        }
        Object value = convert.apply(name);
        cache.put(name, new Converted(source, value));
        return value;
    }

    @SuppressWarnings("ReferenceEquality")
    private static boolean isSameObject(MemberState a, MemberState b) {
        return a == b;
    }

    private record Converted(MemberState source, Object value) {}

    private Map<String, Object> memberData(
            Arguments arguments, String name, Function<String, Optional<Map<String, Object>>> lookup) {
        return lookup.apply(name)
                .orElseThrow(() -> new EvalException("No state known for cluster member \"" + name + "\""));
    }

    private Object instancesCount(Arguments arguments) {
        Call current = current(arguments);
        Object location =
                arguments.has("location") ? arguments.get("location") : arguments.size() > 1 ? arguments.get(1) : null;
        if (location != null && !String.valueOf(location).isEmpty()) {
            return current.view().instanceCount(String.valueOf(location));
        }
        return current.view().members().stream()
                .mapToLong(member -> current.view().instanceCount(member.name()))
                .sum();
    }

    private Object clusterMembers(Arguments arguments) {
        Call current = current(arguments);
        Object group = arguments.has("group") ? arguments.get("group") : arguments.size() > 0 ? arguments.get(0) : null;
        String wanted = group == null ? "" : String.valueOf(group);
        return current.view().members().stream()
                .filter(member -> wanted.isEmpty() || member.groups().contains(wanted))
                .map(this::member)
                .toList();
    }

    private Call current(Arguments arguments) {
        if (call == null) {
            throw new EvalException(arguments.function() + " can only be called while placing an instance");
        }
        return call;
    }

    private Object requestValue(PlacementRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", request.instance());
        fields.put("project", request.spec().project());
        fields.put("reason", request.reason());
        fields.put("type", request.spec().type());
        fields.put("architecture", request.architecture());
        fields.put("config", request.spec().config());
        fields.put("devices", request.spec().devices());
        fields.put("profiles", request.spec().profiles());
        fields.put("source", Map.of());
        return Starlark.struct("InstancesPost", fields);
    }

    /** A candidate as LXD's {@code ClusterMember}, with its JSON field names as attributes. */
    private Object member(MemberFacts facts) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("server_name", facts.name());
        fields.put("url", "");
        fields.put("database", false);
        fields.put("status", facts.evacuated() ? "Evacuated" : facts.online() ? "Online" : "Offline");
        fields.put("message", "");
        fields.put("architecture", facts.architecture());
        fields.put("failure_domain", "");
        fields.put("description", "");
        fields.put("config", Map.of("scheduler.instance", facts.schedulerInstance()));
        fields.put("groups", facts.groups().stream().sorted().toList());
        fields.put("roles", List.of());
        return Starlark.struct("ClusterMember", fields);
    }
}
