package dev.muster.membership.roles;

import static dev.muster.membership.roles.Members.cluster;
import static dev.muster.membership.roles.Members.joined;
import static dev.muster.membership.roles.Members.spare;
import static dev.muster.membership.roles.Members.standby;
import static dev.muster.membership.roles.Members.voter;
import static dev.muster.membership.roles.Members.withRole;
import static dev.muster.membership.roles.RaftRole.SPARE;
import static dev.muster.membership.roles.RaftRole.STANDBY;
import static dev.muster.membership.roles.RaftRole.VOTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who leads after failures, evacuations and removals (3.3), when the voters hold a majority, and LXD's role names. */
class LeadershipAndQuorumTest {

    private static final RoleLimits DEFAULTS = RoleLimits.DEFAULTS;

    @Test
    void anOfflineLeaderIsSucceededByTheOnlineVoterWithTheLowestId() {
        List<Node> nodes = cluster(voter(1).offline(), voter(3), voter(2), standby(4));

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.leader()).isEqualTo("n2");
        assertThat(assignment.changes())
                .containsExactly(new RoleChange("n4", STANDBY, VOTER), new RoleChange("n1", VOTER, SPARE));
    }

    @Test
    void anUnknownLeaderIsReplacedByElection() {
        Assignment assignment = RoleAssignment.rebalance(cluster(voter(2), voter(3), voter(4)), "gone", DEFAULTS);

        assertThat(assignment.leader()).isEqualTo("n2");
        assertThat(assignment.changes()).isEmpty();
    }

    @Test
    void anOnlineLeaderKeepsLeadingWhateverItsId() {
        Assignment assignment = RoleAssignment.rebalance(cluster(voter(1), voter(2), voter(3)), "n3", DEFAULTS);

        assertThat(assignment.leader()).isEqualTo("n3");
    }

    @Test
    void anEvacuatedLeaderHandsOverThenStepsDown() {
        List<Node> nodes = cluster(voter(1).evacuated(), voter(2), voter(3), standby(4), standby(5), spare(6));

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.leader()).isEqualTo("n2");
        assertThat(assignment.changes())
                .containsExactly(
                        new RoleChange("n4", STANDBY, VOTER),
                        new RoleChange("n1", VOTER, SPARE),
                        new RoleChange("n6", SPARE, STANDBY));
    }

    @Test
    void theEvacuatedLeaderOfTwoPromotesTheOtherMemberAndHandsOver() {
        Assignment assignment = RoleAssignment.rebalance(cluster(voter(1).evacuated(), standby(2)), "n1", DEFAULTS);

        assertThat(assignment.leader()).isEqualTo("n2");
        assertThat(assignment.changes())
                .containsExactly(new RoleChange("n2", STANDBY, VOTER), new RoleChange("n1", VOTER, SPARE));
    }

    @Test
    void theOfflineVoterOfTwoIsSucceededByTheOtherMember() {
        Assignment assignment = RoleAssignment.rebalance(cluster(voter(1).offline(), standby(2)), "n1", DEFAULTS);

        assertThat(assignment.leader()).isEqualTo("n2");
        assertThat(assignment.changes())
                .containsExactly(new RoleChange("n2", STANDBY, VOTER), new RoleChange("n1", VOTER, SPARE));
    }

    @Test
    void withEveryVoterOfflineTheBestOnlineMemberIsPromotedAndLeads() {
        List<Node> nodes = cluster(voter(1).offline(), voter(2).offline(), voter(3).offline(), spare(4), standby(5));

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.leader()).isEqualTo("n5");
        assertThat(assignment.changes())
                .containsExactly(
                        new RoleChange("n5", STANDBY, VOTER),
                        new RoleChange("n4", SPARE, VOTER),
                        new RoleChange("n1", VOTER, SPARE),
                        new RoleChange("n2", VOTER, SPARE),
                        new RoleChange("n3", VOTER, SPARE));
    }

    @Test
    void withEveryMemberOfflineNothingChangesAndTheLeaderStays() {
        List<Node> nodes = cluster(
                voter(1).offline(),
                voter(2).offline(),
                voter(3).offline(),
                standby(4).offline());

        Assignment assignment = RoleAssignment.rebalance(nodes, "n2", DEFAULTS);

        assertThat(assignment.leader()).isEqualTo("n2");
        assertThat(assignment.changes()).isEmpty();
    }

    @Test
    void removingTheLeaderOfTwoPromotesTheOtherMemberEvenIfOffline() {
        Assignment assignment = RoleAssignment.onRemoval(cluster(standby(2).offline()), "n1", "n1", DEFAULTS);

        assertThat(assignment.leader()).isEqualTo("n2");
        assertThat(assignment.roles()).containsExactlyEntriesOf(Map.of("n2", VOTER));
        assertThat(assignment.changes()).containsExactly(new RoleChange("n2", STANDBY, VOTER));
    }

    @Test
    void removingTheOtherMemberOfTwoLeavesTheLeaderAlone() {
        Assignment assignment = RoleAssignment.onRemoval(cluster(voter(1)), "n2", "n1", DEFAULTS);

        assertThat(assignment.leader()).isEqualTo("n1");
        assertThat(assignment.changes()).isEmpty();
    }

    @Test
    void removingTheLeaderOfFiveElectsAnotherVoterAndRefillsTheVoters() {
        List<Node> remaining = cluster(voter(2), voter(3), standby(4), standby(5));

        Assignment assignment = RoleAssignment.onRemoval(remaining, "n1", "n1", DEFAULTS);

        assertThat(assignment.leader()).isEqualTo("n2");
        assertThat(assignment.changes()).containsExactly(new RoleChange("n4", STANDBY, VOTER));
    }

    @Test
    void removingAVoterOfThreeLeavesASingleVoter() {
        Assignment assignment = RoleAssignment.onRemoval(cluster(voter(1), voter(2)), "n3", "n1", DEFAULTS);

        assertThat(assignment.changes()).containsExactly(new RoleChange("n2", VOTER, SPARE));
    }

    @Test
    void oneOfThreeVotersOfflineKeepsQuorum() {
        assertThat(RoleAssignment.hasQuorum(cluster(voter(1), voter(2), voter(3).offline(), spare(4).offline())))
                .isTrue();
    }

    @Test
    void twoOfThreeVotersOfflineLoseQuorumAndOnlyOnlineMembersArePromoted() {
        List<Node> nodes = cluster(voter(1), voter(2).offline(), voter(3).offline(), spare(4).offline(), spare(5));

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(RoleAssignment.hasQuorum(nodes)).isFalse();
        assertThat(assignment.changes())
                .containsExactly(
                        new RoleChange("n5", SPARE, VOTER),
                        new RoleChange("n2", VOTER, SPARE),
                        new RoleChange("n3", VOTER, SPARE));
        assertThat(assignment.roles()).containsEntry("n4", SPARE);
        assertThat(RoleAssignment.hasQuorum(assignment.applyTo(nodes))).isTrue();
    }

    @Test
    void halfOfTheVotersIsNoMajority() {
        assertThat(RoleAssignment.hasQuorum(cluster(voter(1), voter(2).offline())))
                .isFalse();
        assertThat(RoleAssignment.hasQuorum(cluster(spare(1)))).isFalse();
    }

    @Test
    void rolesAreNamedAsInLxd5() {
        Assignment assignment = joined(6, DEFAULTS);

        assertThat(assignment.apiRolesOf("n1")).containsExactly("database-leader", "database");
        assertThat(assignment.apiRolesOf("n2")).containsExactly("database");
        assertThat(assignment.apiRolesOf("n4")).containsExactly("database-standby");
        assertThat(assignment.apiRolesOf("n6")).isEmpty();
        assertThat(withRole(assignment, VOTER)).containsExactly("n1", "n2", "n3");
    }

    @Test
    void onlyAVoterCanLead() {
        assertThatIllegalArgumentException().isThrownBy(() -> STANDBY.apiRoles(true));
    }
}
