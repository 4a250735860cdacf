package dev.muster.health.liveness;

import dev.muster.health.liveness.Judgement.CameOnline;
import dev.muster.health.liveness.Judgement.HealingDue;
import dev.muster.health.liveness.Judgement.ProbeNeeded;
import dev.muster.health.liveness.Judgement.Stopped;
import dev.muster.health.liveness.Judgement.WentOffline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who is alive from heartbeats received on the monitor's own clock.
 *
 * <p>Each tracked member has one deadline: the moment it goes offline (last heartbeat + offline threshold), or,
 * once offline, the moment healing may be due (last heartbeat + max(healing, offline)). {@link #check()}, called
 * often (every ~100 ms), judges exactly the members whose deadline passed. A monitor judges only the members of
 * the heartbeat partitions it owns, and only members that membership knows; newly owned partitions get a grace
 * period (one offline threshold unless overridden) during which nobody there is judged, so that a restart or a
 * rebalance never mistakes "not heard yet" for "dead".
 *
 * <p>A member belongs to the partition its heartbeats were last seen on (by any instance: it is remembered), and
 * only a member never heard from is placed by hashing its name as Kafka's default partitioner does.
 *
 * <p>Silence proves nothing while the heartbeats cannot reach the monitor: from {@link #feedLost()} (the broker
 * does not answer) until one offline threshold after {@link #feedRestored()}, nobody is judged offline, so that a
 * broker outage longer than the threshold is not taken for the death of every member. Members that stay silent
 * after that are judged as usual.
 *
 * <p>Conclusions queue up in order and are taken with {@link #takeJudgements()}. Thread-safe; plain Java.
 */
public final class LivenessDetector {

    private final Clock clock;
    private final MemberPartitioner partitioner;
    private final Duration gracePeriodOverride;
    private final Duration probeRetry;

    private Thresholds thresholds = Thresholds.DEFAULT;
    private int partitionCount;
    private final Map<Integer, Instant> graceUntilByPartition = new HashMap<>();
    /** While the heartbeat feed is down, and until one threshold after it came back: no silence is judged. */
    private boolean feedDown;

    private Instant feedGraceUntil = Instant.MIN;
    private final Map<String, TrackedMember> tracked = new HashMap<>();
    /** Where each member's heartbeats were last seen arriving: the truth about ownership, better than a hash. */
    private final Map<String, Integer> heardOnPartition = new HashMap<>();

    private final Set<String> known = new HashSet<>();
    private final Set<String> evacuated = new HashSet<>();
    private final Deadlines deadlines = new Deadlines();
    private final List<Judgement> judgements = new ArrayList<>();

    /**
     * @param gracePeriodOverride grace for newly owned partitions, or null for one offline threshold
     * @param probeRetry how long to wait before probing again a member whose probe still answered
     */
    public LivenessDetector(
            Clock clock, MemberPartitioner partitioner, Duration gracePeriodOverride, Duration probeRetry) {
        this.clock = clock;
        this.partitioner = partitioner;
        this.gracePeriodOverride = gracePeriodOverride;
        this.probeRetry = probeRetry;
    }

    // --- heartbeats -------------------------------------------------------------------------------------------

    /**
     * A heartbeat of {@code member} was received now, on heartbeat partition {@code partition}.
     *
     * @return when it was received, on the monitor's clock
     */
    public synchronized Instant heartbeat(String member, int partition, String probeUrl, boolean stopping) {
        Instant now = clock.instant();
        TrackedMember m = tracked.computeIfAbsent(member, name -> new TrackedMember(name, partition, now));
        m.partition = partition;
        heardOnPartition.put(member, partition);
        m.lastHeartbeat = now;
        if (probeUrl != null && !probeUrl.isBlank()) {
            m.probeUrl = probeUrl;
        }
        if (stopping) {
            stop(m, now);
            return now;
        }
        if (m.status != LivenessStatus.ONLINE) {
            if (m.announced) {
                judgements.add(new CameOnline(member, now));
            }
            m.status = LivenessStatus.ONLINE;
            m.announced = false;
            m.healingDue = false;
            m.probing = false;
        }
        deadlines.schedule(member, now.plus(thresholds.offline()));
        return now;
    }

    private void stop(TrackedMember m, Instant now) {
        deadlines.cancel(m.name);
        if (m.status == LivenessStatus.STOPPED) {
            return;
        }
        m.status = LivenessStatus.STOPPED;
        m.healingDue = false;
        m.probing = false;
        m.announced = known.contains(m.name);
        if (m.announced) {
            judgements.add(new Stopped(m.name, now));
        }
    }

    // --- the continuous check ---------------------------------------------------------------------------------

    /** Judges every member whose deadline has passed. */
    public synchronized void check() {
        Instant now = clock.instant();
        for (String name : deadlines.takeDue(now)) {
            TrackedMember m = tracked.get(name);
            if (m != null) {
                judge(m, now);
            }
        }
    }

    private void judge(TrackedMember m, Instant now) {
        if (m.status == LivenessStatus.ONLINE && (feedDown || now.isBefore(feedGraceUntil))) {
            deadlines.schedule(m.name, feedDown ? now.plus(FEED_DOWN_RECHECK) : feedGraceUntil);
            return; // its silence may be the feed's
        }
        Instant graceUntil = graceUntilByPartition.get(m.partition);
        if (graceUntil != null && now.isBefore(graceUntil)) {
            deadlines.schedule(m.name, graceUntil);
            return;
        }
        switch (m.status) {
            case ONLINE -> judgeSilence(m, now);
            case OFFLINE -> judgeHealing(m, now);
            case STOPPED -> {}
        }
    }

    private void judgeSilence(TrackedMember m, Instant now) {
        Instant offlineAt = m.lastHeartbeat.plus(thresholds.offline());
        if (now.isBefore(offlineAt)) {
            deadlines.schedule(m.name, offlineAt);
            return;
        }
        if (!known.contains(m.name)) {
            return; // judged once membership knows it (memberJoined reschedules)
        }
        m.status = LivenessStatus.OFFLINE;
        m.announced = true;
        m.healingDue = false;
        judgements.add(new WentOffline(m.name, m.lastHeartbeat, thresholds.offlineSeconds()));
        judgeHealing(m, now);
    }

    private void judgeHealing(TrackedMember m, Instant now) {
        if (!thresholds.healingEnabled() || m.healingDue || m.probing || evacuated.contains(m.name)) {
            return; // rescheduled by a threshold change, a restore or a probe result
        }
        Instant healingAt = m.lastHeartbeat.plus(thresholds.healingAfter());
        if (now.isBefore(healingAt)) {
            deadlines.schedule(m.name, healingAt);
            return;
        }
        m.probing = true;
        judgements.add(new ProbeNeeded(m.name, m.probeUrl));
    }

    // --- fencing ----------------------------------------------------------------------------------------------

    /** The member's probe still answers: it is not fully dead; look again later. */
    public synchronized void probeAnswered(String member) {
        TrackedMember m = tracked.get(member);
        if (m == null || !m.probing) {
            return;
        }
        m.probing = false;
        if (m.status == LivenessStatus.OFFLINE) {
            deadlines.schedule(member, clock.instant().plus(probeRetry));
        }
    }

    /** The member's probe failed ({@code fencing} says how): if it is still offline and unhealed, healing is due. */
    public synchronized void probeFailed(String member, String fencing) {
        TrackedMember m = tracked.get(member);
        if (m == null || !m.probing) {
            return;
        }
        m.probing = false;
        if (m.status == LivenessStatus.OFFLINE
                && !m.healingDue
                && thresholds.healingEnabled()
                && !evacuated.contains(member)
                && known.contains(member)) {
            m.healingDue = true;
            judgements.add(new HealingDue(member, m.lastHeartbeat, fencing));
        }
    }

    // --- membership -------------------------------------------------------------------------------------------

    public synchronized void memberJoined(String member) {
        known.add(member);
        TrackedMember m = tracked.get(member);
        Instant now = clock.instant();
        if (m == null) {
            owningPartition(member).ifPresent(partition -> track(new TrackedMember(member, partition, now)));
        } else if (m.status != LivenessStatus.STOPPED) {
            deadlines.schedule(member, now); // it may have been silent while unknown
        }
    }

    public synchronized void memberRemoved(String member) {
        known.remove(member);
        evacuated.remove(member);
        tracked.remove(member);
        heardOnPartition.remove(member);
        deadlines.cancel(member);
    }

    public synchronized void memberRenamed(String oldName, String newName) {
        boolean wasEvacuated = evacuated.contains(oldName);
        memberRemoved(oldName);
        memberJoined(newName);
        if (wasEvacuated) {
            evacuated.add(newName);
        }
    }

    public synchronized void memberEvacuated(String member) {
        evacuated.add(member);
    }

    public synchronized void memberRestored(String member) {
        evacuated.remove(member);
        TrackedMember m = tracked.get(member);
        if (m != null && m.status == LivenessStatus.OFFLINE) {
            deadlines.schedule(member, clock.instant());
        }
    }

    public synchronized void thresholdsChanged(Thresholds changed) {
        thresholds = changed;
        Instant now = clock.instant();
        for (TrackedMember m : tracked.values()) {
            if (m.status != LivenessStatus.STOPPED) {
                deadlines.schedule(m.name, now); // re-judged against the new thresholds at the next check
            }
        }
    }

    public synchronized Thresholds thresholds() {
        return thresholds;
    }

    // --- the heartbeat feed ------------------------------------------------------------------------------------

    /** How often members are looked at again while the feed is down. */
    static final Duration FEED_DOWN_RECHECK = Duration.ofSeconds(1);

    /** Heartbeats cannot reach this monitor (the broker does not answer): silence is judged no more. */
    public synchronized void feedLost() {
        feedDown = true;
    }

    /**
     * Heartbeats reach this monitor again: members get one offline threshold from now to be heard, as after a
     * restart, before their silence is judged.
     */
    public synchronized void feedRestored() {
        if (!feedDown) {
            return;
        }
        feedDown = false;
        feedGraceUntil = clock.instant().plus(thresholds.offline());
    }

    public synchronized boolean feedDown() {
        return feedDown;
    }

    // --- partition ownership ----------------------------------------------------------------------------------

    /**
     * This monitor now owns the heartbeats of {@code partitions} (of {@code count}): it tracks their members, as
     * {@code remembered} by earlier owners, and judges none of them before the grace period has passed.
     */
    public synchronized void partitionsAssigned(
            Collection<Integer> partitions, int count, Collection<RememberedMember> remembered) {
        Instant now = clock.instant();
        partitionCount = count;
        Instant graceUntil = now.plus(gracePeriodOverride != null ? gracePeriodOverride : thresholds.offline());
        partitions.forEach(partition -> graceUntilByPartition.put(partition, graceUntil));
        for (RememberedMember r : remembered) {
            if (r.partition() != null && !tracked.containsKey(r.name())) {
                heardOnPartition.put(r.name(), r.partition());
            }
        }
        for (RememberedMember r : remembered) {
            if (!tracked.containsKey(r.name()) && partitions.contains(partitionOf(r.name()))) {
                TrackedMember m = new TrackedMember(
                        r.name(), partitionOf(r.name()), r.lastHeartbeat() != null ? r.lastHeartbeat() : now);
                m.probeUrl = r.probeUrl();
                m.status = r.status();
                m.announced = r.status() != LivenessStatus.ONLINE;
                m.healingDue = r.healingDue();
                track(m);
            }
        }
        for (String member : known) {
            int partition = partitionOf(member);
            if (!tracked.containsKey(member) && partitions.contains(partition)) {
                track(new TrackedMember(member, partition, now));
            }
        }
    }

    /** This monitor no longer owns {@code partitions}: their members are someone else's to judge. */
    public synchronized void partitionsRevoked(Collection<Integer> partitions) {
        partitions.forEach(graceUntilByPartition::remove);
        tracked.values().removeIf(m -> {
            if (partitions.contains(m.partition)) {
                deadlines.cancel(m.name);
                return true;
            }
            return false;
        });
    }

    private void track(TrackedMember m) {
        tracked.put(m.name, m);
        if (m.status != LivenessStatus.STOPPED) {
            deadlines.schedule(m.name, clock.instant()); // judge() defers it to the end of the grace period
        }
    }

    private Optional<Integer> owningPartition(String member) {
        int partition = partitionOf(member);
        return partition >= 0 && graceUntilByPartition.containsKey(partition)
                ? Optional.of(partition)
                : Optional.empty();
    }

    private int partitionOf(String member) {
        Integer heard = heardOnPartition.get(member);
        if (heard != null) {
            return heard;
        }
        return partitionCount <= 0 ? -1 : partitioner.partitionOf(member, partitionCount);
    }

    // --- results ----------------------------------------------------------------------------------------------

    /** The conclusions reached since the last call, in the order they were reached. */
    public synchronized List<Judgement> takeJudgements() {
        List<Judgement> taken = List.copyOf(judgements);
        judgements.clear();
        return taken;
    }

    /** What this monitor currently thinks of {@code member}, if it tracks it. */
    public synchronized Optional<LivenessStatus> statusOf(String member) {
        return Optional.ofNullable(tracked.get(member)).map(m -> m.status);
    }
}
