package dev.muster.membership.roles;

import static dev.muster.membership.roles.Members.cluster;
import static dev.muster.membership.roles.Members.spare;
import static dev.muster.membership.roles.Members.standby;
import static dev.muster.membership.roles.Members.voter;
import static dev.muster.membership.roles.Members.withRole;
import static dev.muster.membership.roles.RaftRole.SPARE;
import static dev.muster.membership.roles.RaftRole.STANDBY;
import static dev.muster.membership.roles.RaftRole.VOTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Section 3.2: the rebalance loop, one change at a time, until nothing is left. */
class RebalanceTest {

    private static final RoleLimits DEFAULTS = RoleLimits.DEFAULTS;

    @Test
    void anOfflineVoterIsReplacedFromADomainWithoutAVoterThenDemoted() {
        List<Node> nodes = cluster(
                voter(1).in("a"),
                voter(2).in("b"),
                voter(3).in("c").offline(),
                standby(4).in("a"),
                spare(5).in("c"));

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.changes())
                .containsExactly(new RoleChange("n5", SPARE, VOTER), new RoleChange("n3", VOTER, SPARE));
        assertThat(withRole(assignment, VOTER)).containsExactly("n1", "n2", "n5");
    }

    @Test
    void anOfflineStandbyIsReplacedThenDemoted() {
        List<Node> nodes =
                cluster(voter(1), voter(2), voter(3), standby(4), standby(5).offline(), spare(6));

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.changes())
                .containsExactly(new RoleChange("n6", SPARE, STANDBY), new RoleChange("n5", STANDBY, SPARE));
    }

    @Test
    void anOfflineStandbyLosesItsRoleEvenWithoutAReplacement() {
        List<Node> nodes = cluster(voter(1), voter(2), voter(3), standby(4).offline());

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.changes()).containsExactly(new RoleChange("n4", STANDBY, SPARE));
    }

    @Test
    void twoVotersInOneDomainMakeWayForADomainWithoutAVoter() {
        List<Node> nodes = cluster(
                voter(1).in("a"), voter(2).in("a"), voter(3).in("b"), standby(4).in("c"), spare(5).in("b"));

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.changes())
                .containsExactly(
                        new RoleChange("n4", STANDBY, VOTER),
                        new RoleChange("n2", VOTER, SPARE),
                        new RoleChange("n2", SPARE, STANDBY),
                        new RoleChange("n5", SPARE, STANDBY));
        assertThat(withRole(assignment, VOTER)).containsExactly("n1", "n3", "n4");
    }

    @Test
    void votersStayPutWhenTheDomainWithoutAVoterHasNoOneToPromote() {
        List<Node> nodes = cluster(
                voter(1).in("a"),
                voter(2).in("a"),
                voter(3).in("b"),
                spare(4).in("c").evacuated(),
                standby(5).in("b"),
                standby(6).in("a"));

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.changes()).isEmpty();
    }

    @Test
    void raisingMaxVotersToFiveAndMaxStandbyToZeroPromotesTheStandbys() {
        List<Node> seven = cluster(voter(1), voter(2), voter(3), standby(4), standby(5), spare(6), spare(7));

        Assignment assignment = RoleAssignment.rebalance(seven, "n1", new RoleLimits(5, 0));

        assertThat(assignment.changes())
                .containsExactly(new RoleChange("n4", STANDBY, VOTER), new RoleChange("n5", STANDBY, VOTER));
        assertThat(withRole(assignment, VOTER)).hasSize(5);
        assertThat(withRole(assignment, STANDBY)).isEmpty();
    }

    @Test
    void loweringTheLimitsAgainDemotesTheSurplusVotersAndRefillsTheStandbys() {
        List<Node> fiveVoters = cluster(voter(1), voter(2), voter(3), voter(4), voter(5), spare(6), spare(7));

        Assignment assignment = RoleAssignment.rebalance(fiveVoters, "n1", DEFAULTS);

        assertThat(assignment.changes())
                .containsExactly(
                        new RoleChange("n2", VOTER, SPARE),
                        new RoleChange("n3", VOTER, SPARE),
                        new RoleChange("n2", SPARE, STANDBY),
                        new RoleChange("n3", SPARE, STANDBY));
        assertThat(withRole(assignment, VOTER)).containsExactly("n1", "n4", "n5");
    }

    @Test
    void maxStandbyZeroDemotesEveryStandby() {
        List<Node> five = cluster(voter(1), voter(2), voter(3), standby(4), standby(5));

        Assignment assignment = RoleAssignment.rebalance(five, "n1", new RoleLimits(3, 0));

        assertThat(assignment.changes())
                .containsExactly(new RoleChange("n4", STANDBY, SPARE), new RoleChange("n5", STANDBY, SPARE));
    }

    @Test
    void aClusterOfTwoKeepsExactlyOneVoterTheLeader() {
        Assignment assignment = RoleAssignment.rebalance(cluster(voter(1), voter(2)), "n2", DEFAULTS);

        assertThat(assignment.changes()).containsExactly(new RoleChange("n1", VOTER, SPARE));
        assertThat(assignment.leader()).isEqualTo("n2");
    }

    @Test
    void aClusterOfTwoNeverPromotesItsStandby() {
        Assignment assignment = RoleAssignment.rebalance(cluster(voter(1), standby(2)), "n1", new RoleLimits(5, 2));

        assertThat(assignment.changes()).isEmpty();
    }

    @Test
    void anEvacuatedVoterIsReplacedFirstAndDemotedAfterwards() {
        List<Node> nodes = cluster(voter(1), voter(2).evacuated(), voter(3), standby(4), standby(5), spare(6));

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.changes())
                .containsExactly(
                        new RoleChange("n4", STANDBY, VOTER),
                        new RoleChange("n2", VOTER, SPARE),
                        new RoleChange("n6", SPARE, STANDBY));
    }

    @Test
    void anEvacuatedStandbyIsReplacedFirstAndDemotedAfterwards() {
        List<Node> nodes = cluster(voter(1), voter(2), voter(3), standby(4).evacuated(), standby(5), spare(6));

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.changes())
                .containsExactly(new RoleChange("n6", SPARE, STANDBY), new RoleChange("n4", STANDBY, SPARE));
    }

    @Test
    void anEvacuatedMemberIsNeverPromotedEvenWhenAVoterIsMissing() {
        List<Node> nodes = cluster(voter(1), voter(2), voter(3).offline(), spare(4).evacuated());

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.changes()).containsExactly(new RoleChange("n3", VOTER, SPARE));
        assertThat(assignment.roles()).containsEntry("n4", SPARE);
    }

    @Test
    void anEvacuatedVoterStepsDownEvenWithoutAReplacement() {
        Assignment assignment =
                RoleAssignment.rebalance(cluster(voter(1), voter(2), voter(3).evacuated()), "n1", DEFAULTS);

        assertThat(assignment.changes()).containsExactly(new RoleChange("n3", VOTER, SPARE));
    }

    @Test
    void offlineMembersAreNeverPromoted() {
        List<Node> nodes = cluster(voter(1), voter(2), standby(3).offline(), spare(4).offline());

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.changes()).containsExactly(new RoleChange("n3", STANDBY, SPARE));
        assertThat(withRole(assignment, VOTER)).containsExactly("n1", "n2");
    }

    @Test
    void aTieGoesToTheStandbyWithTheLowestId() {
        List<Node> nodes = cluster(voter(1), voter(2), voter(3).offline(), standby(7), spare(4), standby(5));

        Assignment assignment = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);

        assertThat(assignment.changes().getFirst()).isEqualTo(new RoleChange("n5", STANDBY, VOTER));
    }

    @Test
    void theSameClusterGivenInAnotherOrderGetsTheSameRolesAndChanges() {
        List<Node> nodes = cluster(
                voter(1).in("a"),
                voter(2).in("a"),
                voter(3).in("b").offline(),
                standby(4).in("c"),
                spare(5).in("c"),
                spare(6).in("b"));

        Assignment forwards = RoleAssignment.rebalance(nodes, "n1", DEFAULTS);
        Assignment backwards = RoleAssignment.rebalance(nodes.reversed(), "n1", DEFAULTS);

        assertThat(backwards).isEqualTo(forwards);
    }
}
