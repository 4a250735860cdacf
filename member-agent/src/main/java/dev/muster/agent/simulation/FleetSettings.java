package dev.muster.agent.simulation;

import dev.muster.agent.host.Architectures;
import dev.muster.kafka.access.KafkaConnection;
import java.net.URI;
import java.time.Duration;

/**
 * How a simulated fleet runs. Start from {@link #of(int, String)} and change what differs with the {@code with…}
 * methods.
 *
 * @param members how many members
 * @param prefix their names are the prefix and a number from 1, e.g. {@code sim-1}
 * @param seed decides their hardware and state: the same seed gives the same fleet
 * @param architecture the LXD architecture name of every member
 * @param probeBindHost the interface the probe listens on
 * @param probePort the probe's port, 0 for any free one
 * @param probeAdvertisedHost the host put in the heartbeats' probe URLs
 * @param gateway the gateway, for joining
 * @param joinConcurrency how many members join at a time
 */
public record FleetSettings(
        int members,
        String prefix,
        long seed,
        Duration interval,
        KafkaConnection kafka,
        String architecture,
        String probeBindHost,
        int probePort,
        String probeAdvertisedHost,
        JoinMode join,
        URI gateway,
        int joinConcurrency) {

    public FleetSettings {
        if (members < 1) {
            throw new IllegalArgumentException("a fleet needs at least one member");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval must be positive");
        }
        if (joinConcurrency < 1) {
            throw new IllegalArgumentException("join concurrency must be at least 1");
        }
    }

    /** {@code members} members named {@code sim-1…}, seed 42, 1-s heartbeats, probe on any free loopback port, no joining. */
    public static FleetSettings of(int members, KafkaConnection kafka) {
        return new FleetSettings(
                members,
                "sim-",
                42,
                Duration.ofSeconds(1),
                kafka,
                Architectures.host(),
                "127.0.0.1",
                0,
                "127.0.0.1",
                JoinMode.NONE,
                URI.create("http://127.0.0.1:8080"),
                4);
    }

    public FleetSettings withPrefix(String value) {
        return new FleetSettings(
                members,
                value,
                seed,
                interval,
                kafka,
                architecture,
                probeBindHost,
                probePort,
                probeAdvertisedHost,
                join,
                gateway,
                joinConcurrency);
    }

    public FleetSettings withSeed(long value) {
        return new FleetSettings(
                members,
                prefix,
                value,
                interval,
                kafka,
                architecture,
                probeBindHost,
                probePort,
                probeAdvertisedHost,
                join,
                gateway,
                joinConcurrency);
    }

    public FleetSettings withInterval(Duration value) {
        return new FleetSettings(
                members,
                prefix,
                seed,
                value,
                kafka,
                architecture,
                probeBindHost,
                probePort,
                probeAdvertisedHost,
                join,
                gateway,
                joinConcurrency);
    }

    public FleetSettings withArchitecture(String value) {
        return new FleetSettings(
                members,
                prefix,
                seed,
                interval,
                kafka,
                value,
                probeBindHost,
                probePort,
                probeAdvertisedHost,
                join,
                gateway,
                joinConcurrency);
    }

    public FleetSettings withProbe(String bindHost, int port, String advertisedHost) {
        return new FleetSettings(
                members,
                prefix,
                seed,
                interval,
                kafka,
                architecture,
                bindHost,
                port,
                advertisedHost,
                join,
                gateway,
                joinConcurrency);
    }

    public FleetSettings withJoin(JoinMode mode, URI gatewayUri) {
        return new FleetSettings(
                members,
                prefix,
                seed,
                interval,
                kafka,
                architecture,
                probeBindHost,
                probePort,
                probeAdvertisedHost,
                mode,
                gatewayUri,
                joinConcurrency);
    }

    public FleetSettings withJoinConcurrency(int value) {
        return new FleetSettings(
                members,
                prefix,
                seed,
                interval,
                kafka,
                architecture,
                probeBindHost,
                probePort,
                probeAdvertisedHost,
                join,
                gateway,
                value);
    }

    /** The name of member {@code index} (from 0): the prefix and index + 1. */
    public String nameOf(int index) {
        return prefix + (index + 1);
    }

    /** A made-up cluster address for member {@code index}: {@code 10.x.y.z:8443}, unique up to 16 million members. */
    public static String addressOf(int index) {
        int n = index + 1;
        return "10." + ((n >>> 16) & 0xFF) + "." + ((n >>> 8) & 0xFF) + "." + (n & 0xFF) + ":8443";
    }
}
