package dev.muster.images.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.images.replication.ClusterMembers.MemberInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplicaChoiceTest {

    static MemberInfo usable(String name, String domain) {
        return new MemberInfo(name, domain, true, false, false);
    }

    @Test
    void newCopiesGoFirstToFailureDomainsThatHaveNone() {
        List<MemberInfo> members = List.of(usable("a1", "a"), usable("a2", "a"), usable("b1", "b"), usable("c1", "c"));

        assertThat(ReplicaChoice.choose(2, members, Set.of("a1"), Set.of(), Map.of()))
                .containsExactlyInAnyOrder("b1", "c1");
    }

    @Test
    void withinEquallyCoveredDomainsTheMemberHoldingFewerImagesIsChosen() {
        List<MemberInfo> members = List.of(usable("m1", "x"), usable("m2", "x"), usable("m3", "x"));

        assertThat(ReplicaChoice.choose(1, members, Set.of(), Set.of(), Map.of("m1", 5, "m2", 1, "m3", 3)))
                .containsExactly("m2");
    }

    @Test
    void offlineEvacuatedLeavingExcludedAndHoldingMembersAreNeverChosen() {
        List<MemberInfo> members = List.of(
                new MemberInfo("off", "a", false, false, false),
                new MemberInfo("evac", "b", true, true, false),
                new MemberInfo("leaving", "c", true, false, true),
                usable("busy", "d"),
                usable("holder", "e"),
                usable("free", "f"));

        assertThat(ReplicaChoice.choose(5, members, Set.of("holder"), Set.of("busy"), Map.of()))
                .containsExactly("free");
    }
}
