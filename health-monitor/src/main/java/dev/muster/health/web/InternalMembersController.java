package dev.muster.health.web;

import dev.muster.events.heartbeats.MemberState;
import dev.muster.health.liveness.LivenessDetector;
import dev.muster.health.liveness.LivenessStatus;
import dev.muster.health.liveness.Thresholds;
import dev.muster.health.members.KnownMembers;
import dev.muster.health.state.LatestHeartbeats;
import dev.muster.health.state.LivenessRecords;
import dev.muster.health.state.MemberStates;
import dev.muster.health.state.ReceivedHeartbeat;
import dev.muster.lxd.web.LxdException;
import dev.muster.lxd.web.LxdResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Views for the other services and operators (not routed by the gateway): every member's liveness, one member's
 * resources for the scheduler, and the thresholds in force. Any instance answers for every member.
 */
@RestController
class InternalMembersController {

    /**
     * @param status {@code online}, {@code offline} or {@code stopped}: the last judgement announced, or, before any,
     *     whether a heartbeat came within the offline threshold; {@code unknown} if none ever came
     * @param known membership knows the member (only known members are judged)
     * @param lastHeartbeatAgeSeconds seconds since the last heartbeat was received (saved once a second)
     */
    record MemberLiveness(
            String name,
            String status,
            boolean known,
            boolean evacuated,
            Instant lastHeartbeat,
            Double lastHeartbeatAgeSeconds) {}

    /** What the scheduler weighs about a member. */
    record MemberResources(
            String name,
            String status,
            Instant lastHeartbeat,
            MemberState.Cpu cpu,
            MemberState.Memory memory,
            MemberState.SysInfo sysinfo) {}

    record ThresholdsView(long offlineThreshold, long healingThreshold) {}

    private final KnownMembers members;
    private final MemberStates states;
    private final LivenessRecords records;
    private final MemberHeartbeats heartbeats;
    private final LatestHeartbeats latest;
    private final LivenessDetector detector;
    private final Clock clock;

    InternalMembersController(
            KnownMembers members,
            MemberStates states,
            LivenessRecords records,
            MemberHeartbeats heartbeats,
            LatestHeartbeats latest,
            LivenessDetector detector,
            Clock clock) {
        this.latest = latest;
        this.members = members;
        this.states = states;
        this.records = records;
        this.heartbeats = heartbeats;
        this.detector = detector;
        this.clock = clock;
    }

    @GetMapping("/internal/members")
    LxdResponse members() {
        Map<String, KnownMembers.KnownMember> known =
                members.all().stream().collect(Collectors.toMap(KnownMembers.KnownMember::name, Function.identity()));
        Map<String, ReceivedHeartbeat> heard =
                states.all().stream().collect(Collectors.toMap(ReceivedHeartbeat::member, Function.identity()));
        latest.all()
                .forEach(mine -> heard.merge(
                        mine.member(),
                        mine,
                        (saved, fresh) -> fresh.receivedAt().isAfter(saved.receivedAt()) ? fresh : saved));
        Map<String, LivenessStatus> statuses = records.statuses();
        var names = new TreeMap<String, Boolean>();
        known.keySet().forEach(name -> names.put(name, true));
        heard.keySet().forEach(name -> names.putIfAbsent(name, false));
        Instant now = clock.instant();
        List<MemberLiveness> view = names.keySet().stream()
                .map(name -> {
                    ReceivedHeartbeat last = heard.get(name);
                    KnownMembers.KnownMember member = known.get(name);
                    return new MemberLiveness(
                            name,
                            status(statuses.get(name), last, now),
                            member != null,
                            member != null && member.evacuated(),
                            last == null ? null : last.receivedAt(),
                            last == null
                                    ? null
                                    : Duration.between(last.receivedAt(), now).toMillis() / 1000.0);
                })
                .toList();
        return LxdResponse.sync(view);
    }

    @GetMapping("/internal/members/{name}/resources")
    LxdResponse resources(@PathVariable String name) {
        ReceivedHeartbeat last = heartbeats.latestOf(name).orElse(null);
        if (last == null && !members.contains(name)) {
            throw LxdException.notFound("Cluster member not found");
        }
        MemberState state = last == null ? null : last.state();
        MemberState.Resources resources = state == null ? null : state.resources();
        return LxdResponse.sync(new MemberResources(
                name,
                status(records.statuses().get(name), last, clock.instant()),
                last == null ? null : last.receivedAt(),
                resources == null ? null : resources.cpu(),
                resources == null ? null : resources.memory(),
                state == null ? null : state.sysinfo()));
    }

    @GetMapping("/internal/thresholds")
    LxdResponse thresholds() {
        Thresholds thresholds = detector.thresholds();
        return LxdResponse.sync(new ThresholdsView(
                thresholds.offline().toSeconds(), thresholds.healing().toSeconds()));
    }

    private String status(LivenessStatus announced, ReceivedHeartbeat last, Instant now) {
        if (announced != null && (last == null || announced != LivenessStatus.ONLINE)) {
            return announced.name().toLowerCase(Locale.ROOT);
        }
        if (last == null) {
            return "unknown";
        }
        boolean recent = Duration.between(last.receivedAt(), now)
                        .compareTo(detector.thresholds().offline())
                < 0;
        return recent ? "online" : "offline";
    }
}
