package dev.muster.agent.heartbeat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every member's heartbeat once per interval from one thread, spread evenly over the interval: member i of
 * N sends at offset i × interval / N (rounded to ticks of at least {@value #MIN_TICK_MILLIS} ms), so that a large
 * fleet produces a steady stream instead of a burst every second.
 */
public final class HeartbeatSchedule implements AutoCloseable {

    static final long MIN_TICK_MILLIS = 20;
    private static final Logger log = LoggerFactory.getLogger(HeartbeatSchedule.class);

    private final HeartbeatPublisher publisher;
    private final List<List<HeartbeatingMember>> slots;
    private final long tickNanos;
    private final ScheduledExecutorService ticker;
    private long tick;
    private volatile boolean closed;

    public HeartbeatSchedule(List<HeartbeatingMember> members, Duration interval, HeartbeatPublisher publisher) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval must be positive");
        }
        this.publisher = publisher;
        int ticksPerInterval = ticksPerInterval(members.size(), interval);
        this.tickNanos = interval.toNanos() / ticksPerInterval;
        this.slots = new ArrayList<>(ticksPerInterval);
        for (int slot = 0; slot < ticksPerInterval; slot++) {
            slots.add(new ArrayList<>());
        }
        for (int i = 0; i < members.size(); i++) {
            slots.get(slotOf(i, members.size(), ticksPerInterval)).add(members.get(i));
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "member-agent-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
    }

    static int ticksPerInterval(int members, Duration interval) {
        long byResolution = Math.max(1, interval.toMillis() / MIN_TICK_MILLIS);
        return (int) Math.max(1, Math.min(members, byResolution));
    }

    static int slotOf(int member, int members, int ticksPerInterval) {
        return (int) ((long) member * ticksPerInterval / members);
    }

    public HeartbeatSchedule start() {
        ticker.scheduleAtFixedRate(this::tick, 0, tickNanos, TimeUnit.NANOSECONDS);
        return this;
    }

    private void tick() {
        try {
            for (HeartbeatingMember member : slots.get((int) (tick++ % slots.size()))) {
                if (!member.silent() && !closed) {
                    publisher.publish(member);
                }
            }
        } catch (RuntimeException e) {
            log.warn("A heartbeat round failed; the next continues: {}", e.toString());
        }
    }

    /** Stops one member's heartbeats for good with a last heartbeat that says it stops on purpose. */
    public void stopGracefully(HeartbeatingMember member) {
        member.silence();
        publisher.publishLast(member);
    }

    /**
     * Stops the schedule. With {@code announce}, every member still heartbeating sends a last heartbeat saying it
     * stops on purpose; the publisher is left open for the caller to flush and close.
     */
    public void stop(boolean announce) {
        closed = true;
        ticker.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (announce) {
            for (List<HeartbeatingMember> slot : slots) {
                for (HeartbeatingMember member : slot) {
                    if (!member.silent()) {
                        stopGracefully(member);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        stop(true);
    }
}
