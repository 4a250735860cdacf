package dev.muster.membership.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.membership.cluster.ClusterEvent.GroupCreated;
import dev.muster.membership.cluster.ClusterEvent.JoinTokenIssued;
import dev.muster.membership.cluster.ClusterEvent.JoinTokenRetired;
import dev.muster.membership.cluster.ClusterEvent.MemberJoined;
import dev.muster.membership.cluster.ClusterEvent.QuorumChanged;
import dev.muster.membership.cluster.ClusterEvent.RolesAssigned;
import dev.muster.membership.tokens.JoinToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster's rules, given events, when a command, then events or a rejection. */
class ClusterTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    /** Replays events into a state, as the service does from the store. */
    static final class Given {
        ClusterState state = ClusterState.initial();

        Given apply(List<ClusterEvent> events) {
            for (ClusterEvent event : events) {
                state = state.evolve(event);
            }
            return this;
        }

        Cluster cluster() {
            return new Cluster(state);
        }

        Given bootstrapped() {
            return apply(cluster().bootstrap("m1", "10.0.0.1:8443", "x86_64", "f1", NOW));
        }

        Given joined(String... names) {
            for (String name : names) {
                String secret = JoinToken.newSecret();
                apply(cluster().issueToken(name, "op-" + name, JoinToken.digest(secret), NOW.plusSeconds(3600)));
                JoinToken token = new JoinToken(name, "f1", List.of("10.0.0.1:8443"), secret, NOW.plusSeconds(3600));
                apply(cluster().join(token, name, "10.0.0." + name.substring(1) + ":8443", "x86_64", NOW));
            }
            return this;
        }

        Map<String, List<String>> roles() {
            Map<String, List<String>> roles = new LinkedHashMap<>();
            state.members().values().forEach(m -> roles.put(m.name(), state.apiRoles(m)));
            return roles;
        }
    }

    @Test
    void bootstrapMakesTheFirstMemberLeaderAndVoter() {
        Given given = new Given().bootstrapped();

        assertThat(given.state.enabled()).isTrue();
        assertThat(given.roles()).containsExactly(Map.entry("m1", List.of("database-leader", "database")));
        assertThat(given.state.member("m1").orElseThrow().groups()).containsExactly("default");
    }

    @Test
    void bootstrapCreatesTheDefaultDirStoragePoolAsLxdInitDoes() {
        List<ClusterEvent> events = new Given().cluster().bootstrap("m1", "10.0.0.1:8443", "x86_64", "f1", NOW);

        assertThat(events)
                .filteredOn(ClusterEvent.EntityDefined.class::isInstance)
                .containsExactly(
                        new ClusterEvent.EntityDefined(ClusterEntity.STORAGE_POOL, "default", "dir", "", Map.of()));
        ClusterEntity pool = new Given()
                .apply(events)
                .state
                .findEntity(ClusterEntity.STORAGE_POOL, "default")
                .orElseThrow();
        assertThat(pool.created()).isTrue();
        assertThat(pool.driver()).isEqualTo("dir");
        assertThat(pool.requiredKeys())
                .as("a joiner need not answer anything for it")
                .isEmpty();
    }

    @Test
    void bootstrappingTwiceIsRefused() {
        Given given = new Given().bootstrapped();

        assertThatThrownBy(() -> given.cluster().bootstrap("m2", "a", "x86_64", "f", NOW))
                .hasMessage("This server is already clustered");
    }

    @Test
    void bootstrapNeedsAValidName() {
        Cluster cluster = new Given().cluster();

        assertThatThrownBy(() -> cluster.bootstrap("", "a", "x86_64", "f", NOW))
                .hasMessage("ServerName is required when enabling clustering");
        assertThatThrownBy(() -> cluster.bootstrap("@g", "a", "x86_64", "f", NOW))
                .isInstanceOf(ClusterRejection.class);
        assertThatThrownBy(() -> cluster.bootstrap("none", "a", "x86_64", "f", NOW))
                .isInstanceOf(ClusterRejection.class);
    }

    @Test
    void fiveMembersGetThreeVotersAndTwoStandbysAsLxdDoes() {
        Given given = new Given().bootstrapped().joined("m2", "m3", "m4", "m5", "m6");

        assertThat(given.roles())
                .containsExactly(
                        Map.entry("m1", List.of("database-leader", "database")),
                        Map.entry("m2", List.of("database")),
                        Map.entry("m3", List.of("database")),
                        Map.entry("m4", List.of("database-standby")),
                        Map.entry("m5", List.of("database-standby")),
                        Map.entry("m6", List.of()));
    }

    @Test
    void aSecondMemberIsAStandby() {
        assertThat(new Given().bootstrapped().joined("m2").roles()).containsEntry("m2", List.of("database-standby"));
    }

    @Test
    void aNewerTokenForTheSameNameRetiresTheOlderOne() {
        Given given = new Given().bootstrapped();
        given.apply(given.cluster().issueToken("m2", "op-1", "d1", null));

        List<ClusterEvent> events = given.cluster().issueToken("m2", "op-2", "d2", null);

        assertThat(events)
                .containsExactly(
                        new JoinTokenRetired("m2", "op-1", "replaced"), new JoinTokenIssued("op-2", "m2", "d2", null));
    }

    @Test
    void aTokenCannotBeUsedTwiceNorForAnotherNameNorAfterItExpired() {
        Given given = new Given().bootstrapped();
        String secret = JoinToken.newSecret();
        given.apply(given.cluster().issueToken("m2", "op", JoinToken.digest(secret), NOW.plusSeconds(60)));
        JoinToken token = new JoinToken("m2", "f1", List.of(), secret, NOW.plusSeconds(60));
        JoinToken forged = new JoinToken("m2", "f1", List.of(), JoinToken.newSecret(), NOW.plusSeconds(60));

        assertThatThrownBy(() -> given.cluster().join(forged, "m2", "10.0.0.2:8443", "x86_64", NOW))
                .hasMessage("No matching cluster join operation found");
        assertThatThrownBy(() -> given.cluster().join(token, "m3", "10.0.0.2:8443", "x86_64", NOW))
                .hasMessage("No matching cluster join operation found");
        assertThatThrownBy(() -> given.cluster().join(token, "m2", "10.0.0.2:8443", "x86_64", NOW.plusSeconds(61)))
                .hasMessage("Token has expired");
        given.apply(given.cluster().join(token, "m2", "10.0.0.2:8443", "x86_64", NOW));
        assertThatThrownBy(() -> given.cluster().join(token, "m2", "10.0.0.3:8443", "x86_64", NOW))
                .hasMessage("No matching cluster join operation found");
    }

    @Test
    void aJoinWithATakenAddressIsRefused() {
        Given given = new Given().bootstrapped();
        String secret = JoinToken.newSecret();
        given.apply(given.cluster().issueToken("m2", "op", JoinToken.digest(secret), null));

        assertThatThrownBy(() -> given.cluster()
                        .join(new JoinToken("m2", "f1", List.of(), secret, null), "m2", "10.0.0.1:8443", "x86_64", NOW))
                .hasMessage("The cluster already has a member with address: 10.0.0.1:8443");
    }

    @Test
    void anOfflineVoterIsReplacedByAStandby() {
        Given given = new Given().bootstrapped().joined("m2", "m3", "m4", "m5");

        given.apply(given.cluster().memberWentOffline("m2", NOW));

        assertThat(given.roles().get("m2")).isEmpty();
        assertThat(given.roles().values().stream()
                        .filter(r -> r.contains("database"))
                        .count())
                .isEqualTo(3);
        assertThat(given.state.quorum()).isTrue();
    }

    @Test
    void losingTwoOfThreeVotersLosesQuorumAndRefusesChanges() {
        Given given = new Given().bootstrapped().joined("m2", "m3");
        given.apply(given.cluster().memberWentOffline("m2", NOW));
        List<ClusterEvent> events = given.cluster().memberWentOffline("m3", NOW);
        given.apply(events);

        assertThat(events).filteredOn(QuorumChanged.class::isInstance).hasSize(1);
        assertThat(given.state.quorum()).isFalse();
        assertThatThrownBy(() -> given.cluster().createGroup("g", "", List.of()))
                .isInstanceOfSatisfying(
                        ClusterRejection.class, r -> assertThat(r.kind()).isEqualTo(ClusterRejection.Kind.UNAVAILABLE));

        given.apply(given.cluster().memberCameOnline("m2"));
        assertThat(given.state.quorum())
                .as("m2 was demoted while quorum held: it does not vote")
                .isFalse();
        given.apply(given.cluster().memberCameOnline("m3"));
        assertThat(given.state.quorum()).isTrue();
    }

    @Test
    void membersMustKeepAGroupAndTheDefaultGroupStays() {
        Given given = new Given().bootstrapped().joined("m2");
        given.apply(given.cluster().createGroup("gpu", "", List.of("m2")));

        assertThatThrownBy(() -> given.cluster().updateGroup("default", "", List.of("m2")))
                .hasMessage("Cannot remove \"m1\" from group as member needs to belong to at least one group");
        assertThat(given.cluster().updateGroup("default", "", List.of("m1"))).hasSize(1); // m2 keeps gpu
        assertThatThrownBy(() -> given.cluster().renameGroup("default", "x"))
                .hasMessage("The \"default\" group cannot be renamed");
        assertThatThrownBy(() -> given.cluster().deleteGroup("default"))
                .hasMessage("The 'default' cluster group cannot be deleted");
        assertThatThrownBy(() -> given.cluster().deleteGroup("gpu"))
                .hasMessage("Only empty cluster groups can be removed");
        assertThatThrownBy(() -> given.cluster().createGroup("gpu", "", List.of()))
                .hasMessage("Cluster group \"gpu\" already exists");
        assertThatThrownBy(() -> given.cluster().createGroup(null, "", List.of()))
                .hasMessage("No name provided");
        assertThatThrownBy(() -> given.cluster().createGroup("", "", List.of())).hasMessage("No name provided");
        assertThatThrownBy(() -> given.cluster().createGroup("x", "", List.of("m9")))
                .hasMessage("1 of 1 requested members not found");
        assertThat(given.state.groupMembers("gpu")).containsExactly("m2");
    }

    @Test
    void onlyUserRolesMayBeAddedAndAutomaticRolesAreKept() {
        Given given = new Given().bootstrapped();
        var put = new Cluster.MemberPut(
                "", "", List.of("database-leader", "database", "ovn-chassis"), Map.of(), List.of("default"));

        given.apply(given.cluster().updateMember("m1", put, false));

        assertThat(given.roles().get("m1")).containsExactly("ovn-chassis", "database-leader", "database");
        assertThatThrownBy(() -> given.cluster()
                        .updateMember(
                                "m1",
                                new Cluster.MemberPut(
                                        "", "", List.of("database-standby"), Map.of(), List.of("default")),
                                false))
                .hasMessage("The automatically assigned \"database-standby\" role cannot be added manually");
        assertThatThrownBy(() -> given.cluster()
                        .updateMember(
                                "m1", new Cluster.MemberPut("", "", List.of("x"), Map.of(), List.of("default")), false))
                .hasMessage("Invalid cluster role \"x\"");
        assertThatThrownBy(() -> given.cluster()
                        .updateMember(
                                "m1",
                                new Cluster.MemberPut(
                                        "", "", List.of("ovn-chassis", "ovn-chassis"), Map.of(), List.of("default")),
                                false))
                .hasMessage("Duplicate role \"ovn-chassis\" in request");
    }

    @Test
    void patchMergesConfigAndPutReplacesIt() {
        Given given = new Given().bootstrapped();
        given.apply(given.cluster()
                .updateMember(
                        "m1",
                        new Cluster.MemberPut("", "", List.of(), Map.of("user.a", "1"), List.of("default")),
                        false));

        given.apply(given.cluster()
                .updateMember(
                        "m1",
                        new Cluster.MemberPut(
                                "", "", List.of(), Map.of("scheduler.instance", "group"), List.of("default")),
                        true));
        assertThat(given.state.member("m1").orElseThrow().config())
                .containsOnly(Map.entry("user.a", "1"), Map.entry("scheduler.instance", "group"));

        given.apply(given.cluster()
                .updateMember(
                        "m1",
                        new Cluster.MemberPut("", "", List.of(), Map.of("user.b", "2"), List.of("default")),
                        false));
        assertThat(given.state.member("m1").orElseThrow().config()).containsOnly(Map.entry("user.b", "2"));
        assertThatThrownBy(() -> given.cluster()
                        .updateMember(
                                "m1",
                                new Cluster.MemberPut(
                                        "",
                                        "",
                                        List.of(),
                                        Map.of("scheduler.instance", "sometimes"),
                                        List.of("default")),
                                false))
                .hasMessage("Invalid cluster configuration key \"scheduler.instance\" value");
    }

    @Test
    void patchKeepsWhatTheRequestDoesNotName() {
        Given given = new Given().bootstrapped();
        given.apply(given.cluster().createGroup("gpu", "", List.of()));
        given.apply(given.cluster()
                .updateMember(
                        "m1",
                        new Cluster.MemberPut(
                                "rack 7", "r7", List.of("ovn-chassis"), Map.of(), List.of("default", "gpu")),
                        false));

        given.apply(given.cluster()
                .updateMember(
                        "m1",
                        new Cluster.MemberPut(null, null, null, Map.of("scheduler.instance", "manual"), null),
                        true));

        Member m1 = given.state.member("m1").orElseThrow();
        assertThat(m1.description()).isEqualTo("rack 7");
        assertThat(m1.failureDomain()).isEqualTo("r7");
        assertThat(m1.userRoles()).containsExactly("ovn-chassis");
        assertThat(m1.groups()).containsExactlyInAnyOrder("default", "gpu");
        assertThat(m1.config()).containsEntry("scheduler.instance", "manual");
    }

    @Test
    void theLastMemberCannotBeRemovedAndABusyOneOnlyWithForce() {
        Given given = new Given().bootstrapped();
        assertThatThrownBy(() -> given.cluster().removeMember("m1", true, Cluster.Holdings.none()))
                .hasMessage("Member is the only member in the cluster");
        given.joined("m2");
        var busy = new Cluster.Holdings(List.of("c1", "c2"), List.of());

        assertThatThrownBy(() -> given.cluster().removeMember("m2", false, busy))
                .hasMessage("Node still has the following instances: c1, c2");
        given.apply(given.cluster().removeMember("m2", true, busy));
        assertThat(given.state.members()).containsOnlyKeys("m1");
    }

    @Test
    void aRemovalRequestAsksForTheImagesElsewhereAndChangesNoMember() {
        Given given = new Given().bootstrapped().joined("m2");

        List<ClusterEvent> events = given.cluster().requestRemoval("m2");

        assertThat(events).containsExactly(new ClusterEvent.MemberRemovalRequested("m2"));
        given.apply(events);
        assertThat(given.state.members()).containsOnlyKeys("m1", "m2");
        assertThatThrownBy(() -> given.cluster().requestRemoval("m9")).isInstanceOf(ClusterRejection.class);
        var soleHolder = new Cluster.Holdings(List.of(), List.of("0c3a8e1bd4f2"));
        assertThatThrownBy(() -> given.cluster().removeMember("m2", false, soleHolder))
                .hasMessage("Node still has the following images: 0c3a8e1bd4f2");
    }

    @Test
    void renamingToATakenNameIsAConflict() {
        Given given = new Given().bootstrapped().joined("m2");

        assertThatThrownBy(() -> given.cluster().renameMember("m2", "m1"))
                .isInstanceOfSatisfying(
                        ClusterRejection.class, r -> assertThat(r.kind()).isEqualTo(ClusterRejection.Kind.CONFLICT));
        given.apply(given.cluster().renameMember("m2", "m20"));
        assertThat(given.state.members()).containsOnlyKeys("m1", "m20");
    }

    @Test
    void evacuationIsRefusedTwiceAndWhenItWouldLoseQuorum() {
        Given given = new Given().bootstrapped().joined("m2", "m3");
        given.apply(given.cluster().memberWentOffline("m3", NOW));

        assertThatThrownBy(() -> given.cluster().evacuate("m2", "", false, "op"))
                .hasMessage("Insufficient online voters to maintain quorum");
        given.apply(given.cluster().evacuate("m2", "stop", true, "op"));
        assertThat(given.state.member("m2").orElseThrow().evacuated()).isTrue();
        assertThatThrownBy(() -> given.cluster().evacuate("m2", "", true, "op"))
                .hasMessage("Cluster member is already evacuated");
        assertThatThrownBy(() -> given.cluster().evacuate("m1", "dance", true, "op"))
                .hasMessage("Invalid evacuation mode: \"dance\"");
        assertThatThrownBy(() -> given.cluster().restore("m2", "later", "op")).hasMessage("Invalid mode: \"later\"");
        given.apply(given.cluster().restore("m2", "", "op"));
        assertThatThrownBy(() -> given.cluster().restore("m2", "", "op"))
                .hasMessage("Cluster member is already restored");
    }

    @Test
    void raisingMaxVotersPromotesMoreVoters() {
        Given given = new Given().bootstrapped().joined("m2", "m3", "m4", "m5", "m6");

        List<ClusterEvent> events =
                given.cluster().configure(Map.of("cluster.max_voters", "5", "cluster.max_standby", "0"), true);
        given.apply(events);

        assertThat(events).filteredOn(RolesAssigned.class::isInstance).hasSize(1);
        assertThat(given.roles().values().stream()
                        .filter(r -> r.contains("database"))
                        .count())
                .isEqualTo(5);
        assertThat(given.roles().values().stream()
                        .filter(r -> r.contains("database-standby"))
                        .count())
                .isZero();
    }

    @Test
    void trustPasswordIsRefusedAsUnsupportedAndRemoteTokenExpiryIsAnExpiry() {
        Cluster cluster = new Given().bootstrapped().cluster();

        assertThatThrownBy(() -> cluster.configure(Map.of("core.trust_password", "s3cret"), true))
                .hasMessageContaining("core.trust_password")
                .hasMessageContaining("not supported")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> cluster.configure(Map.of("core.remote_token_expiry", "2X"), true))
                .hasMessageContaining("core.remote_token_expiry");
        assertThat(cluster.configure(Map.of("core.remote_token_expiry", "1H"), true))
                .hasSize(1);
    }

    @Test
    void serverConfigRulesNameTheKey() {
        Cluster cluster = new Given().bootstrapped().cluster();

        assertThatThrownBy(() -> cluster.configure(Map.of("cluster.max_voters", "4"), true))
                .hasMessageContaining("cluster.max_voters");
        assertThatThrownBy(() -> cluster.configure(Map.of("cluster.offline_threshold", "9"), true))
                .hasMessageContaining("at least 10");
        assertThatThrownBy(() -> cluster.configure(Map.of("cluster.max_standby", "6"), true))
                .hasMessageContaining("between 0 and 5");
        assertThatThrownBy(() -> cluster.configure(Map.of("cluster.images_minimal_replica", "0"), true))
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> cluster.configure(Map.of("cluster.join_token_expiry", "3X"), true))
                .hasMessageContaining("cluster.join_token_expiry");
        assertThatThrownBy(() -> cluster.configure(Map.of("core.nope", "1"), true))
                .hasMessage("Invalid config key \"core.nope\": unknown key");
        assertThat(cluster.configure(
                        Map.of("cluster.offline_threshold", "10", "cluster.images_minimal_replica", "-1"), true))
                .hasSize(1);
    }

    @Test
    void aJoiningMemberMustAnswerEveryMemberSpecificKey() {
        Given given = new Given().bootstrapped();
        given.apply(
                given.cluster().setMemberConfig("storage-pool", "local", "m1", "zfs", Map.of("source", "/dev/sdb")));
        given.apply(given.cluster().defineEntity("storage-pool", "local", "zfs", "", Map.of("volume.size", "10GiB")));
        String secret = JoinToken.newSecret();
        given.apply(given.cluster().issueToken("m2", "op", JoinToken.digest(secret), null));
        JoinToken token = new JoinToken("m2", "f1", List.of(), secret, null);

        assertThat(given.cluster().requiredMemberConfig("m1"))
                .containsExactly(new Cluster.MemberConfigAnswer("storage-pool", "local", "source", "/dev/sdb"));
        assertThatThrownBy(() -> given.cluster().join(token, "m2", "10.0.0.2:8443", "x86_64", NOW))
                .hasMessageContaining(
                        "Missing member-specific configuration for storage-pool \"local\": key \"source\"");
        given.apply(given.cluster()
                .join(
                        token,
                        "m2",
                        "10.0.0.2:8443",
                        "x86_64",
                        List.of(new Cluster.MemberConfigAnswer("storage-pool", "local", "source", "/dev/sdc")),
                        NOW));
        assertThat(given.state.findEntity("storage-pool", "local").orElseThrow().configFor("m2"))
                .containsEntry("source", "/dev/sdc")
                .containsEntry("volume.size", "10GiB");
    }

    @Test
    void memberSpecificAndGlobalKeysStayInTheirPlace() {
        Cluster cluster = new Given().bootstrapped().cluster();

        assertThatThrownBy(() -> cluster.defineEntity("network", "br0", "bridge", "", Map.of("parent", "eth0")))
                .hasMessage("Config key \"parent\" is cluster member specific");
        assertThatThrownBy(
                        () -> cluster.setMemberConfig("network", "br0", "m1", "bridge", Map.of("ipv4.address", "auto")))
                .hasMessage("Config key \"ipv4.address\" may not be used as member-specific key");
        assertThatThrownBy(() -> cluster.setMemberConfig("network", "br0", "m9", "bridge", Map.of("parent", "eth0")))
                .hasMessage("Cluster member not found");
    }

    @Test
    void aPlacementScriptletIsCompiledWhenSetAndABadOneKeepsTheOldOne() {
        Given given = new Given().bootstrapped();
        String good = """
                def instance_placement(request, candidate_members):
                    best = candidate_members[0]
                    set_target(best.server_name)
                """;
        given.apply(given.cluster().configure(Map.of("instances.placement.scriptlet", good), true));

        assertThatThrownBy(() -> given.cluster()
                        .configure(Map.of("instances.placement.scriptlet", "def instance_placement(:\n"), true))
                .hasMessageContaining("instances.placement.scriptlet")
                .hasMessageContaining(":1:");
        assertThatThrownBy(() -> given.cluster()
                        .configure(
                                Map.of(
                                        "instances.placement.scriptlet",
                                        "def instance_placement(request, candidate_members):\n    launch_missiles()\n"),
                                true))
                .hasMessageContaining("launch_missiles");
        assertThatThrownBy(() -> given.cluster().configure(Map.of("instances.placement.scriptlet", "x = 1\n"), true))
                .hasMessageContaining("Scriptlet missing instance_placement function");
        assertThat(given.state.config().get("instances.placement.scriptlet")).isEqualTo(good.trim());
    }

    @Test
    void groupsCreatedWithMembersListThem() {
        Given given = new Given().bootstrapped().joined("m2");
        List<ClusterEvent> events = given.cluster().createGroup("gpu", "GPUs", List.of("m1", "m2"));

        assertThat(events.getFirst()).isEqualTo(new GroupCreated("gpu", "GPUs"));
        given.apply(events);
        assertThat(given.state.groupMembers("gpu")).containsExactly("m1", "m2");
        assertThat(new ArrayList<>(given.state.member("m1").orElseThrow().groups()))
                .containsExactly("default", "gpu");
        assertThat(events).noneMatch(MemberJoined.class::isInstance);
    }
}
