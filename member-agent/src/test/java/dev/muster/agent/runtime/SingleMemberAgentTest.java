package dev.muster.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.agent.Probes;
import dev.muster.agent.Records;
import dev.muster.agent.host.HostStateReader;
import dev.muster.events.Topics;
import dev.muster.events.heartbeats.Heartbeat;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.TopicReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SingleMemberAgentTest {

    private final String name = "m-" + UUID.randomUUID().toString().substring(0, 8);
    private final HostStateReader host = new HostStateReader(fixtures(), Path.of("/"), "x86_64");

    private static Path fixtures() {
        try {
            return Path.of(SingleMemberAgentTest.class
                            .getResource("/proc/meminfo")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private AgentRuntime start() {
        return AgentRuntime.start(
                new AgentRuntime.Settings(
                        TestInfrastructure.kafkaAs("agent-" + name),
                        Duration.ofMillis(100),
                        "/muster/member-agent/" + name,
                        "agent-" + name,
                        "127.0.0.1",
                        0,
                        "127.0.0.1"),
                List.of(new AgentRuntime.MemberSpec(name, host)),
                MemberLife.ALIVE);
    }

    private List<Heartbeat> heartbeats(List<ConsumerRecord<String, byte[]>> records) {
        return Records.events(
                records, Heartbeat.class, heartbeat -> heartbeat.member().equals(name));
    }

    @Test
    void heartbeatsReachKafkaKeyedByMemberWithItsStateAndASequenceIncreasingByOne() {
        try (AgentRuntime agent = start();
                TopicReader reader = new TopicReader(Topics.HEARTBEATS)) {
            List<ConsumerRecord<String, byte[]>> records =
                    reader.readUntil(received -> heartbeats(received).size() >= 5, Duration.ofSeconds(20));

            List<Heartbeat> heartbeats = heartbeats(records);
            assertThat(heartbeats).hasSizeGreaterThanOrEqualTo(5);
            assertThat(heartbeats).extracting(Heartbeat::sequence).startsWith(1L, 2L, 3L, 4L, 5L);
            Heartbeat first = heartbeats.get(0);
            assertThat(first.state().sysinfo()).isEqualTo(host.read().sysinfo());
            assertThat(first.state().resources()).isEqualTo(host.read().resources());
            assertThat(first.state().storagePools()).containsKey("local");
            assertThat(first.probeUrl()).isEqualTo("http://127.0.0.1:" + agent.probePort() + "/members/" + name);
            assertThat(first.stopping()).isFalse();
            assertThat(records).filteredOn(record -> record.key().equals(name)).hasSizeGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aPlannedStopEndsWithAStoppingHeartbeatAndTheProbeGoesAway() throws Exception {
        AgentRuntime agent = start();
        String probe = agent.probeUrlOf(name);
        try (TopicReader reader = new TopicReader(Topics.HEARTBEATS)) {
            reader.readUntil(received -> !heartbeats(received).isEmpty(), Duration.ofSeconds(20));
            assertThat(Probes.status(probe)).isEqualTo(200);

            agent.close();

            List<Heartbeat> heartbeats = heartbeats(reader.readUntil(
                    received -> heartbeats(received).stream().anyMatch(Heartbeat::stopping), Duration.ofSeconds(20)));
            Heartbeat last = heartbeats.get(heartbeats.size() - 1);
            assertThat(last.stopping()).isTrue();
            assertThat(heartbeats).filteredOn(Heartbeat::stopping).hasSize(1);
            assertThat(last.sequence())
                    .isEqualTo(heartbeats.stream()
                            .mapToLong(Heartbeat::sequence)
                            .max()
                            .orElseThrow());
            assertThatThrownBy(() -> Probes.status(probe)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void theProbeAnswers404ForAMemberItDoesNotRun() throws Exception {
        try (AgentRuntime agent = start()) {
            assertThat(Probes.status("http://127.0.0.1:" + agent.probePort() + "/members/someone-else"))
                    .isEqualTo(404);
        }
    }
}
