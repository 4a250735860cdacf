package dev.muster.agent.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.agent.Probes;
import dev.muster.agent.Records;
import dev.muster.events.Topics;
import dev.muster.events.heartbeats.Heartbeat;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.TopicReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SimulatedFleetTest {

    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 6) + "-";

    private FleetSettings settings(int members) {
        return FleetSettings.of(members, TestInfrastructure.kafkaAs("agent-sim-fleet"))
                .withPrefix(prefix)
                .withSeed(7)
                .withInterval(Duration.ofMillis(200));
    }

    private List<Heartbeat> heartbeats(List<ConsumerRecord<String, byte[]>> records) {
        return Records.events(
                records, Heartbeat.class, heartbeat -> heartbeat.member().startsWith(prefix));
    }

    private Map<String, Long> highestSequences(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Long> highest = new HashMap<>();
        heartbeats(records).forEach(heartbeat -> highest.merge(heartbeat.member(), heartbeat.sequence(), Math::max));
        return highest;
    }

    @Test
    void killingOneOf200MembersStopsExactlyItsHeartbeatsAndProbe() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.start(settings(200));
                TopicReader reader = new TopicReader(Topics.HEARTBEATS)) {
            assertThat(fleet.memberNames())
                    .hasSize(200)
                    .startsWith(prefix + "1", prefix + "2")
                    .endsWith(prefix + "200");
            reader.readUntil(received -> highestSequences(received).size() == 200, Duration.ofSeconds(20));

            String victim = prefix + "17";
            fleet.kill(victim);
            long lastSequence = fleet.lastSequenceOf(victim);
            Map<String, Long> atKill = highestSequences(reader.readUntil(received -> false, Duration.ZERO));

            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    received -> {
                        Map<String, Long> highest = highestSequences(received);
                        return atKill.keySet().stream()
                                .filter(name -> !name.equals(victim))
                                .allMatch(name -> highest.getOrDefault(name, 0L) >= atKill.get(name) + 3);
                    },
                    Duration.ofSeconds(20));

            Map<String, Long> highest = highestSequences(records);
            assertThat(highest.get(victim)).isEqualTo(lastSequence);
            assertThat(highest).allSatisfy((name, sequence) -> {
                if (!name.equals(victim)) {
                    assertThat(sequence).as(name).isGreaterThanOrEqualTo(atKill.get(name) + 3);
                }
            });
            assertThat(Probes.status(fleet.probeUrlOf(victim))).isEqualTo(503);
            assertThat(Probes.status(fleet.probeUrlOf(prefix + "18"))).isEqualTo(200);
            assertThat(Probes.status(fleet.probeUrlOf(prefix + "1").replace(prefix + "1", "stranger")))
                    .isEqualTo(404);
        }
    }

    @Test
    void heartbeatsCarryTheSimulatedStateOfTheirSequence() {
        try (SimulatedFleet fleet = SimulatedFleet.start(settings(20));
                TopicReader reader = new TopicReader(Topics.HEARTBEATS)) {
            List<Heartbeat> heartbeats =
                    heartbeats(reader.readUntil(received -> heartbeats(received).size() >= 40, Duration.ofSeconds(20)));

            assertThat(heartbeats).hasSizeGreaterThanOrEqualTo(40).allSatisfy(heartbeat -> {
                assertThat(heartbeat.state())
                        .isEqualTo(fleet.host(heartbeat.member()).stateAt(heartbeat.sequence()));
                assertThat(heartbeat.probeUrl()).isEqualTo(fleet.probeUrlOf(heartbeat.member()));
            });
        }
    }

    @Test
    void aPausedMemberIsSilentButAnswersItsProbeUntilResumed() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.start(settings(5));
                TopicReader reader = new TopicReader(Topics.HEARTBEATS)) {
            String paused = prefix + "3";
            reader.readUntil(received -> highestSequences(received).size() == 5, Duration.ofSeconds(20));

            fleet.pause(paused);
            long atPause = fleet.lastSequenceOf(paused);
            String other = prefix + "4";
            long otherAtPause = fleet.lastSequenceOf(other);
            reader.readUntil(
                    received -> highestSequences(received).getOrDefault(other, 0L) >= otherAtPause + 3,
                    Duration.ofSeconds(20));
            assertThat(fleet.lastSequenceOf(paused)).isEqualTo(atPause);
            assertThat(Probes.status(fleet.probeUrlOf(paused))).isEqualTo(200);

            fleet.resume(paused);
            List<Heartbeat> heartbeats = heartbeats(reader.readUntil(
                    received -> highestSequences(received).getOrDefault(paused, 0L) > atPause, Duration.ofSeconds(20)));
            assertThat(heartbeats)
                    .filteredOn(heartbeat -> heartbeat.member().equals(paused))
                    .extracting(Heartbeat::sequence)
                    .contains(atPause, atPause + 1)
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void aStoppedMemberSendsOneStoppingHeartbeatAndClosingTheFleetStopsTheRest() {
        String stopped = prefix + "2";
        SimulatedFleet fleet = SimulatedFleet.start(settings(3));
        try (TopicReader reader = new TopicReader(Topics.HEARTBEATS)) {
            reader.readUntil(received -> highestSequences(received).size() == 3, Duration.ofSeconds(20));
            fleet.stop(stopped);
            fleet.kill(prefix + "3");
            fleet.close();

            List<Heartbeat> heartbeats = heartbeats(reader.readUntil(
                    received -> heartbeats(received).stream()
                                    .filter(Heartbeat::stopping)
                                    .count()
                            >= 2,
                    Duration.ofSeconds(20)));
            assertThat(heartbeats)
                    .filteredOn(Heartbeat::stopping)
                    .extracting(Heartbeat::member)
                    .containsExactlyInAnyOrder(prefix + "1", stopped);
        }
    }
}
