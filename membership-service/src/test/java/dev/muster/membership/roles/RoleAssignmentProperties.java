package dev.muster.membership.roles;

import static dev.muster.membership.roles.RaftRole.SPARE;
import static dev.muster.membership.roles.RaftRole.STANDBY;
import static dev.muster.membership.roles.RaftRole.VOTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The rules of the rebalance, over random clusters of 1 to 12 members with random roles, failure domains, leaders,
 * limits, and members offline or evacuated.
 */
class RoleAssignmentProperties {

    /** A member online and not evacuated: the only kind that may be promoted. */
    private static final Predicate<Node> HEALTHY = node -> node.online() && !node.evacuated();

    record Scenario(List<Node> nodes, String leader, RoleLimits limits) {

        Assignment rebalance() {
            return RoleAssignment.rebalance(nodes, leader, limits);
        }
    }

    @Property(tries = 500)
    void theLoopSettlesWithinThreeChangesPerMemberAndStaysSettled(@ForAll("clusters") Scenario scenario) {
        Assignment assignment = scenario.rebalance();
        Assignment again =
                RoleAssignment.rebalance(assignment.applyTo(scenario.nodes()), assignment.leader(), scenario.limits());

        assertThat(assignment.changes())
                .hasSizeLessThanOrEqualTo(3 * scenario.nodes().size());
        assertThat(again.changes()).isEmpty();
        assertThat(again.leader()).isEqualTo(assignment.leader());
    }

    /** Without an online voter nobody leads, so nothing can change: the limits hold once someone leads. */
    @Property(tries = 500)
    void onlineVotersAndStandbysNeverExceedTheLimitsWhileAVoterLeads(@ForAll("clusters") Scenario scenario) {
        List<Node> after = scenario.rebalance().applyTo(scenario.nodes());
        if (after.stream().noneMatch(node -> node.online() && node.role() == VOTER)) {
            return;
        }

        assertThat(count(after, node -> node.online() && node.role() == VOTER))
                .isLessThanOrEqualTo(scenario.limits().maxVoters());
        assertThat(count(after, node -> node.online() && node.role() == STANDBY))
                .isLessThanOrEqualTo(scenario.limits().maxStandby());
    }

    @Property(tries = 500)
    void offlineMembersHoldNoDatabaseRoleOnceAHealthyMemberIsOnline(@ForAll("clusters") Scenario scenario) {
        List<Node> after = scenario.rebalance().applyTo(scenario.nodes());

        if (after.stream().anyMatch(HEALTHY)) {
            assertThat(after).filteredOn(node -> !node.online()).allMatch(node -> node.role() == SPARE);
        }
    }

    @Property(tries = 500)
    void anEvacuatedMemberKeepsADatabaseRoleOnlyWhenNoOneCouldTakeIt(@ForAll("clusters") Scenario scenario) {
        List<Node> after = scenario.rebalance().applyTo(scenario.nodes());

        if (after.stream().anyMatch(node -> node.online() && node.evacuated() && node.role() == VOTER)) {
            assertThat(after).filteredOn(HEALTHY).allMatch(node -> node.role() == VOTER);
        }
        if (after.stream().anyMatch(node -> node.online() && node.evacuated() && node.role() == STANDBY)) {
            assertThat(after).filteredOn(HEALTHY).noneMatch(node -> node.role() == SPARE);
        }
    }

    @Property(tries = 500)
    void promotionsOnlyGoToHealthyMembers(@ForAll("clusters") Scenario scenario) {
        Set<String> healthy =
                scenario.nodes().stream().filter(HEALTHY).map(Node::name).collect(Collectors.toSet());

        assertThat(scenario.rebalance().changes())
                .filteredOn(change -> change.to() != SPARE)
                .allSatisfy(promotion -> assertThat(healthy).contains(promotion.node()));
    }

    @Property(tries = 500)
    void theLeaderIsAVoterAndHealthyWheneverAHealthyMemberExists(@ForAll("clusters") Scenario scenario) {
        Assignment assignment = scenario.rebalance();
        List<Node> after = assignment.applyTo(scenario.nodes());

        if (!assignment.roles().containsValue(VOTER)) {
            assertThat(assignment.leader()).isNull();
            assertThat(after).noneMatch(HEALTHY);
            return;
        }
        Node leader = after.stream()
                .filter(node -> node.name().equals(assignment.leader()))
                .findFirst()
                .orElseThrow();
        assertThat(leader.role()).isEqualTo(VOTER);
        if (after.stream().anyMatch(HEALTHY)) {
            assertThat(leader).matches(HEALTHY);
        }
    }

    @Property(tries = 500)
    void enoughHealthyMembersMeetTheTargetsExactly(@ForAll("clusters") Scenario scenario) {
        RoleLimits limits = scenario.limits();
        List<Node> after = scenario.rebalance().applyTo(scenario.nodes());

        if (after.size() >= 3 && count(after, HEALTHY) >= limits.maxVoters() + limits.maxStandby()) {
            assertThat(count(after, node -> node.online() && node.role() == VOTER))
                    .isEqualTo(limits.maxVoters());
            assertThat(count(after, node -> node.online() && node.role() == STANDBY))
                    .isEqualTo(limits.maxStandby());
            assertThat(after).filteredOn(node -> node.role() != SPARE).allMatch(HEALTHY);
        }
    }

    @Property(tries = 500)
    void votersAreSpreadOverDomainsWheneverAHealthyMemberCouldMoveIn(@ForAll("clusters") Scenario scenario) {
        List<Node> after = scenario.rebalance().applyTo(scenario.nodes());
        Set<String> withVoters = domains(after, node -> node.online() && node.role() == VOTER);
        long onlineVoters = count(after, node -> node.online() && node.role() == VOTER);

        if (after.size() >= 3 && withVoters.size() < onlineVoters) {
            assertThat(after)
                    .filteredOn(HEALTHY.and(node -> node.role() != VOTER))
                    .extracting(Node::failureDomain)
                    .allMatch(withVoters::contains);
        }
    }

    @Property(tries = 300)
    void theSameClusterInAnyOrderGetsTheSameAssignment(@ForAll("clusters") Scenario scenario, @ForAll Random random) {
        List<Node> shuffled = new ArrayList<>(scenario.nodes());
        Collections.shuffle(shuffled, random);

        Assignment assignment = RoleAssignment.rebalance(shuffled, scenario.leader(), scenario.limits());

        assertThat(assignment).isEqualTo(scenario.rebalance());
    }

    @Provide
    Arbitrary<Scenario> clusters() {
        Arbitrary<List<Node>> nodes = Combinators.combine(
                        Arbitraries.of(Node.DEFAULT_FAILURE_DOMAIN, "a", "b", "c"),
                        Arbitraries.of(RaftRole.class),
                        Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)),
                        Arbitraries.frequency(Tuple.of(1, true), Tuple.of(4, false)))
                .as(Traits::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(12)
                .map(traits -> IntStream.range(0, traits.size())
                        .mapToObj(i -> traits.get(i).node(i + 1))
                        .toList());
        Arbitrary<RoleLimits> limits = Combinators.combine(
                        Arbitraries.of(1, 3, 5, 7), Arbitraries.integers().between(0, 5))
                .as(RoleLimits::new);
        return nodes.flatMap(members -> Combinators.combine(Arbitraries.just(members), leaderOf(members), limits)
                .as(Scenario::new));
    }

    private record Traits(String domain, RaftRole role, boolean online, boolean evacuated) {

        Node node(int id) {
            return new Node("n" + id, id, domain, role, online, evacuated);
        }
    }

    /** One of the members (a voter or not), a member that is gone, or none known. */
    private static Arbitrary<String> leaderOf(List<Node> members) {
        List<String> names = new ArrayList<>(members.stream().map(Node::name).toList());
        names.add("gone");
        return Arbitraries.of(names).injectNull(0.1);
    }

    private static long count(List<Node> nodes, Predicate<Node> which) {
        return nodes.stream().filter(which).count();
    }

    private static Set<String> domains(List<Node> nodes, Predicate<Node> which) {
        return nodes.stream().filter(which).map(Node::failureDomain).collect(Collectors.toSet());
    }
}
