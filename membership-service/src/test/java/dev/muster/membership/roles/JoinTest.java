package dev.muster.membership.roles;

import static dev.muster.membership.roles.Members.cluster;
import static dev.muster.membership.roles.Members.joined;
import static dev.muster.membership.roles.Members.member;
import static dev.muster.membership.roles.Members.standby;
import static dev.muster.membership.roles.Members.voter;
import static dev.muster.membership.roles.Members.withRole;
import static dev.muster.membership.roles.RaftRole.SPARE;
import static dev.muster.membership.roles.RaftRole.STANDBY;
import static dev.muster.membership.roles.RaftRole.VOTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Section 3.1: the role a joining member gets, and the shape the cluster has once the rebalance has run. */
class JoinTest {

    @Test
    void membersJoinAsVoterStandbyVoterStandbyStandbyThenSpares() {
        List<Node> nodes = new ArrayList<>();
        List<RaftRole> joinRoles = new ArrayList<>();
        String leader = null;
        for (int id = 1; id <= 7; id++) {
            RaftRole role = RoleAssignment.onJoin(nodes, RoleLimits.DEFAULTS);
            joinRoles.add(role);
            nodes.add(new Node("n" + id, id, Node.DEFAULT_FAILURE_DOMAIN, role, true, false));
            Assignment assignment = RoleAssignment.rebalance(nodes, leader, RoleLimits.DEFAULTS);
            nodes = new ArrayList<>(assignment.applyTo(nodes));
            leader = assignment.leader();
        }

        assertThat(joinRoles).containsExactly(VOTER, STANDBY, VOTER, STANDBY, STANDBY, SPARE, SPARE);
    }

    @ParameterizedTest(name = "{0} members: {1} voters, {2} stand-bys, {3} spares")
    @CsvSource({"1, 1, 0, 0", "2, 1, 1, 0", "3, 3, 0, 0", "4, 3, 1, 0", "5, 3, 2, 0", "6, 3, 2, 1", "7, 3, 2, 2"})
    void aClusterGrownOneMemberAtATimeHasLxdsShape(int size, int voters, int standbys, int spares) {
        Assignment assignment = joined(size, RoleLimits.DEFAULTS);

        assertThat(withRole(assignment, VOTER)).hasSize(voters);
        assertThat(withRole(assignment, STANDBY)).hasSize(standbys);
        assertThat(withRole(assignment, SPARE)).hasSize(spares);
        assertThat(assignment.leader()).isEqualTo("n1");
    }

    @Test
    void theFirstMemberIsTheVoterAndLeader() {
        RaftRole first = RoleAssignment.onJoin(List.of(), RoleLimits.DEFAULTS);

        Assignment assignment = RoleAssignment.rebalance(cluster(member(1, first)), null, RoleLimits.DEFAULTS);

        assertThat(first).isEqualTo(VOTER);
        assertThat(assignment.leader()).isEqualTo("n1");
        assertThat(assignment.changes()).isEmpty();
    }

    @Test
    void theThirdMemberJoinsAsVoterAndTheRebalancePromotesTheStandby() {
        RaftRole third = RoleAssignment.onJoin(cluster(voter(1), standby(2)), RoleLimits.DEFAULTS);

        Assignment assignment =
                RoleAssignment.rebalance(cluster(voter(1), standby(2), member(3, third)), "n1", RoleLimits.DEFAULTS);

        assertThat(third).isEqualTo(VOTER);
        assertThat(assignment.changes()).containsExactly(new RoleChange("n2", STANDBY, VOTER));
        assertThat(withRole(assignment, VOTER)).containsExactly("n1", "n2", "n3");
    }

    @Test
    void theSecondMemberIsASpareWhenNoStandbyIsWanted() {
        assertThat(RoleAssignment.onJoin(cluster(voter(1)), new RoleLimits(3, 0)))
                .isEqualTo(SPARE);
    }

    @Test
    void aJoiningMemberBecomesAVoterWhileTheClusterIsShortOfThem() {
        List<Node> shortOfVoters = cluster(voter(1), voter(2), standby(3), standby(4));

        assertThat(RoleAssignment.onJoin(shortOfVoters, RoleLimits.DEFAULTS)).isEqualTo(VOTER);
        assertThat(RoleAssignment.onJoin(shortOfVoters, new RoleLimits(2, 2))).isEqualTo(SPARE);
    }
}
