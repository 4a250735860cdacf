package dev.muster.kafka.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AccessTableTest {

    private static Stream<Rights> everyone() {
        return Stream.concat(AccessTable.SERVICES.stream(), Stream.of(AccessTable.agent("agent-m1")));
    }

    @Test
    void anAgentWritesOnlyHeartbeatsAndResultsAndReadsOnlyCommands() {
        Rights agent = AccessTable.agent("agent-m2");

        assertThat(agent.writes()).containsExactlyInAnyOrder(Topics.HEARTBEATS, Topics.AGENT_RESULTS);
        assertThat(agent.reads()).containsExactly(Topics.AGENT_COMMANDS);
        assertThat(agent.createsTopics()).isFalse();
        assertThat(agent.mayWrite(Topics.HEALTH)).isFalse();
    }

    @Test
    void heartbeatsAndResultsAreWrittenOnlyByAgentsAndHealthOnlyByTheHealthMonitor() {
        assertThat(AccessTable.SERVICES)
                .noneMatch(r -> r.mayWrite(Topics.HEARTBEATS) || r.mayWrite(Topics.AGENT_RESULTS));
        assertThat(everyone().filter(r -> r.mayWrite(Topics.HEALTH)).map(Rights::principal))
                .containsExactly("health-monitor");
        assertThat(everyone().filter(r -> r.mayWrite(Topics.MEMBERSHIP)).map(Rights::principal))
                .containsExactly("membership-service");
    }

    @Test
    void everyPublicTopicHasAWriterAndEveryTopicReadIsAPublicTopic() {
        for (String topic : Topics.ALL) {
            assertThat(everyone().anyMatch(r -> r.mayWrite(topic)))
                    .as("someone writes %s", topic)
                    .isTrue();
        }
        assertThat(everyone().flatMap(r -> Stream.concat(r.reads().stream(), r.writes().stream())))
                .allMatch(Topics.ALL::contains);
    }

    @Test
    void principalsAreNamedAsTheServicesAndGroupsDoNotOverlap() {
        assertThat(AccessTable.servicePrincipals())
                .containsExactly(
                        "membership-service", "scheduler-service", "image-service", "health-monitor", "gateway");
        List<String> prefixes =
                new ArrayList<>(everyone().map(Rights::groupPrefix).toList());
        for (String a : prefixes) {
            assertThat(prefixes.stream().filter(b -> b.startsWith(a)))
                    .as("groups starting %s", a)
                    .hasSize(1);
        }
    }

    @Test
    void theSuperUserAndUnknownNamesHaveNoRightsInTheTable() {
        assertThat(AccessTable.rightsOf(AccessTable.ADMIN)).isEmpty();
        assertThat(AccessTable.rightsOf("mallory")).isEmpty();
        assertThat(AccessTable.rightsOf("agent-m7")).contains(AccessTable.agent("agent-m7"));
        assertThatThrownBy(() -> AccessTable.agent("m7")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAgentsAclsAreExactlyItsTopicsAndItsGroups() {
        List<AclBinding> acls = AccessSetup.aclBindings(AccessTable.agent("agent-m2"));

        assertThat(acls).allMatch(a -> a.entry().principal().equals("User:agent-m2"));
        assertThat(acls.stream()
                        .map(a -> a.pattern().resourceType() + " " + a.pattern().name() + " "
                                + a.pattern().patternType() + " " + a.entry().operation()))
                .containsExactlyInAnyOrder(
                        "TOPIC muster.heartbeats.v1 LITERAL WRITE",
                        "TOPIC muster.agent-results.v1 LITERAL WRITE",
                        "TOPIC muster.agent-commands.v1 LITERAL READ",
                        "GROUP agent- PREFIXED READ");
    }

    @Test
    void aServiceMayCreateMustersTopicsButNoOtherTopic() {
        List<AclBinding> acls =
                AccessSetup.aclBindings(AccessTable.rightsOf("gateway").orElseThrow());

        assertThat(acls)
                .filteredOn(a -> a.entry().operation() == AclOperation.CREATE)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.pattern().resourceType()).isEqualTo(ResourceType.TOPIC);
                    assertThat(a.pattern().name()).isEqualTo("muster.");
                    assertThat(a.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
                });
        assertThat(acls)
                .filteredOn(a -> a.entry().operation() == AclOperation.WRITE)
                .extracting(a -> a.pattern().name())
                .containsExactly(Topics.DEAD_LETTERS); // the gateway owns no topic but its own dead letters
    }
}
