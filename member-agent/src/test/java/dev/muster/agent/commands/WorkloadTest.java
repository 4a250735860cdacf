package dev.muster.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.AgentResult;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    private final Workload workload = new Workload();
    private final AtomicInteger ids = new AtomicInteger();

    private AgentResult run(String action, String target, Map<String, String> arguments) {
        return workload.carryOut(new AgentCommand("m2", "cmd-" + ids.incrementAndGet(), action, target, arguments));
    }

    @Test
    void aCreatedInstanceIsStoppedUntilStarted() {
        assertThat(run("instance-create", "c1", Map.of("image", "ubuntu/24.04")).status()).isEqualTo("done");
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.STOPPED);

        assertThat(run("instance-start", "c1", Map.of()).status()).isEqualTo("done");
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.RUNNING);

        assertThat(run("instance-stop", "c1", Map.of()).status()).isEqualTo("done");
        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.STOPPED);

        assertThat(run("instance-delete", "c1", Map.of()).status()).isEqualTo("done");
        assertThat(workload.instances()).isEmpty();
    }

    @Test
    void createWithStartRunsTheInstanceAndHoldsItsImage() {
        run("instance-create", "c1", Map.of("image", "abc123", "start", "true"));

        assertThat(workload.instances()).containsEntry("c1", InstanceStatus.RUNNING);
        assertThat(workload.images()).containsExactly("abc123");
    }

    @Test
    void startingAnUnknownInstanceFailsWithAMessage() {
        AgentResult result = run("instance-start", "ghost", Map.of());

        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.message()).isEqualTo("Instance \"ghost\" not found");
        assertThat(result).extracting(AgentResult::member, AgentResult::action, AgentResult::target)
                .containsExactly("m2", "instance-start", "ghost");
    }

    @Test
    void creatingAnExistingInstanceFails() {
        run("instance-create", "c1", Map.of());

        assertThat(run("instance-create", "c1", Map.of()).status()).isEqualTo("failed");
    }

    @Test
    void aRunningInstanceIsDeletedOnlyWhenForced() {
        run("instance-create", "c1", Map.of("start", "true"));

        assertThat(run("instance-delete", "c1", Map.of()).status()).isEqualTo("failed");
        assertThat(run("instance-delete", "c1", Map.of("force", "true")).status()).isEqualTo("done");
        assertThat(workload.instances()).isEmpty();
    }

    @Test
    void imageCopyRecordsTheFingerprintHeld() {
        assertThat(run("image-copy", "f00d", Map.of()).status()).isEqualTo("done");

        assertThat(workload.images()).containsExactly("f00d");
    }

    @Test
    void anUnknownActionIsUnsupported() {
        AgentResult result = run("instance-migrate", "c1", null);

        assertThat(result.status()).isEqualTo("unsupported");
        assertThat(result.message()).contains("instance-migrate");
    }
}
