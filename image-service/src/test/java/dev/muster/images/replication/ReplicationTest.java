package dev.muster.images.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.images.catalog.Image;
import dev.muster.images.replication.ClusterMembers.MemberInfo;
import dev.muster.images.replication.Replication.CheckWanted;
import dev.muster.images.replication.Replication.CopyWanted;
import dev.muster.images.replication.Replication.Reason;
import dev.muster.images.replication.Replication.Replicas;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Replication's rules: given members and recorded replicas, when a round runs, then the copies and checks asked for. */
class ReplicationTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    static final Image ALPINE = image("a1");
    static final Image UBUNTU = image("b2");

    static Image image(String fingerprint) {
        return new Image(fingerprint, "", 1, "x86_64", Image.CONTAINER, false, Map.of(), NOW, NOW, false);
    }

    /** Members (each in its own failure domain unless told) and the replicas recorded. */
    static final class Given {
        final Map<String, MemberInfo> members = new LinkedHashMap<>();
        final Map<String, Set<String>> holders = new HashMap<>();
        final Map<String, Set<String>> fetching = new HashMap<>();
        final Map<String, Set<String>> backingOff = new HashMap<>();
        int minimalReplica = Replication.DEFAULT_MINIMAL_REPLICA;

        Given online(String... names) {
            for (String name : names) {
                members.put(name, new MemberInfo(name, "domain-" + name, true, false, false));
            }
            return this;
        }

        Given inDomain(String domain, String... names) {
            for (String name : names) {
                members.put(name, new MemberInfo(name, domain, true, false, false));
            }
            return this;
        }

        Given offline(String... names) {
            for (String name : names) {
                members.put(name, new MemberInfo(name, "domain-" + name, false, false, false));
            }
            return this;
        }

        Given evacuated(String... names) {
            for (String name : names) {
                members.put(name, new MemberInfo(name, "domain-" + name, true, true, false));
            }
            return this;
        }

        Given leaving(String... names) {
            for (String name : names) {
                members.put(name, new MemberInfo(name, "domain-" + name, true, false, true));
            }
            return this;
        }

        Given minimalReplica(int value) {
            minimalReplica = value;
            return this;
        }

        Given holding(Image image, String... names) {
            holders.computeIfAbsent(image.fingerprint(), k -> new HashSet<>()).addAll(List.of(names));
            return this;
        }

        Given fetching(Image image, String... names) {
            fetching.computeIfAbsent(image.fingerprint(), k -> new HashSet<>()).addAll(List.of(names));
            return this;
        }

        Given failedRecently(Image image, String... names) {
            backingOff
                    .computeIfAbsent(image.fingerprint(), k -> new HashSet<>())
                    .addAll(List.of(names));
            return this;
        }

        Replication replication() {
            return new Replication(new ArrayList<>(members.values()), minimalReplica);
        }

        List<CopyWanted> copiesWanted(Image... images) {
            return replication().copiesWanted(List.of(images), new Replicas(holders, fetching, backingOff));
        }

        List<String> copiesOf(Image image, Image... images) {
            return copiesWanted(images).stream()
                    .filter(c -> c.image().equals(image))
                    .map(CopyWanted::member)
                    .toList();
        }
    }

    // ---- how many holders ----

    @Test
    void theDefaultWantsThreeHolders() {
        assertThat(new Given()
                        .online("m1", "m2", "m3", "m4", "m5")
                        .replication()
                        .holdersWanted())
                .isEqualTo(3);
    }

    @Test
    void fewerUsableMembersThanTheMinimalReplicaAreAllWanted() {
        Given given =
                new Given().online("m1", "m2").offline("m3").evacuated("m4").leaving("m5");

        assertThat(given.replication().holdersWanted()).isEqualTo(2);
    }

    @Test
    void minusOneWantsEveryUsableMember() {
        Given given = new Given()
                .online("m1", "m2", "m3", "m4")
                .offline("m5")
                .evacuated("m6")
                .minimalReplica(-1);

        assertThat(given.replication().holdersWanted()).isEqualTo(4);
    }

    @Test
    void anUnsetOrUnreadableMinimalReplicaIsLxdsDefault() {
        assertThat(Replication.minimalReplica(null)).isEqualTo(3);
        assertThat(Replication.minimalReplica(" ")).isEqualTo(3);
        assertThat(Replication.minimalReplica("many")).isEqualTo(3);
        assertThat(Replication.minimalReplica(" 5 ")).isEqualTo(5);
        assertThat(Replication.minimalReplica("-1")).isEqualTo(-1);
    }

    @Test
    void noUsableMemberWantsNoHolderAndNoCopy() {
        Given given = new Given().offline("m1").evacuated("m2");

        assertThat(given.replication().holdersWanted()).isZero();
        assertThat(given.copiesWanted(ALPINE)).isEmpty();
    }

    // ---- which copies ----

    @Test
    void aNewImageIsCopiedToAsManyMembersAsWanted() {
        Given given = new Given().online("m1", "m2", "m3", "m4").minimalReplica(2);

        List<CopyWanted> copies = given.copiesWanted(ALPINE);

        assertThat(copies).hasSize(2).allSatisfy(copy -> {
            assertThat(copy.image()).isEqualTo(ALPINE);
            assertThat(copy.reason()).isEqualTo(Reason.REPLICATION);
        });
        assertThat(copies).extracting(CopyWanted::member).doesNotHaveDuplicates();
    }

    @Test
    void anImageWithEnoughUsableHoldersGetsNoCopy() {
        Given given = new Given().online("m1", "m2", "m3", "m4").holding(ALPINE, "m1", "m2", "m3");

        assertThat(given.copiesWanted(ALPINE)).isEmpty();
    }

    @Test
    void offlineAndEvacuatedHoldersDoNotCountSoOthersAreAsked() {
        Given given = new Given()
                .online("m1", "m2", "m3")
                .offline("m4")
                .evacuated("m5")
                .holding(ALPINE, "m1", "m4", "m5");

        assertThat(given.copiesOf(ALPINE, ALPINE)).containsExactlyInAnyOrder("m2", "m3");
    }

    @Test
    void copiesBeingFetchedCountAndTheirMembersAreNotAskedAgain() {
        Given given =
                new Given().online("m1", "m2", "m3", "m4").holding(ALPINE, "m1").fetching(ALPINE, "m2");

        assertThat(given.copiesOf(ALPINE, ALPINE)).containsExactly("m3");
    }

    @Test
    void aFetchByAMemberNoLongerUsableDoesNotCount() {
        Given given = new Given()
                .online("m1", "m2", "m3")
                .offline("m4")
                .holding(ALPINE, "m1")
                .fetching(ALPINE, "m4");

        assertThat(given.copiesOf(ALPINE, ALPINE)).containsExactlyInAnyOrder("m2", "m3");
    }

    @Test
    void aMemberWhoseCopyJustFailedIsPassedOverForAnother() {
        Given given = new Given()
                .online("m1", "m2", "m3", "m4")
                .holding(ALPINE, "m1", "m2")
                .failedRecently(ALPINE, "m3");

        assertThat(given.copiesOf(ALPINE, ALPINE)).containsExactly("m4");
    }

    @Test
    void aMemberWhoseCopyJustFailedIsNotAskedAgainEvenIfNoOtherCan() {
        Given given =
                new Given().online("m1", "m2", "m3").holding(ALPINE, "m1", "m2").failedRecently(ALPINE, "m3");

        assertThat(given.copiesWanted(ALPINE)).isEmpty();
    }

    @Test
    void aHolderAboutToBeRemovedIsReplacedForTheRemoval() {
        Given given = new Given().online("m1", "m2", "m3").leaving("m4").holding(ALPINE, "m1", "m2", "m4");

        assertThat(given.copiesWanted(ALPINE)).containsExactly(new CopyWanted(ALPINE, "m3", Reason.REMOVAL));
    }

    @Test
    void failureDomainsWithoutACopyComeFirst() {
        Given given = new Given()
                .inDomain("rack1", "a1", "a2")
                .inDomain("rack2", "b1")
                .minimalReplica(2)
                .holding(ALPINE, "a1");

        assertThat(given.copiesOf(ALPINE, ALPINE)).containsExactly("b1");
    }

    @Test
    void eachNewCopyCountsForTheNextImagesChoice() {
        Given given = new Given().inDomain("rack", "m1", "m2").minimalReplica(1);

        assertThat(given.copiesWanted(ALPINE, UBUNTU))
                .extracting(CopyWanted::member)
                .containsExactly("m1", "m2");
    }

    @Test
    void minusOneCopiesToEveryUsableMemberWithoutACopy() {
        Given given = new Given()
                .online("m1", "m2", "m3")
                .offline("m4")
                .evacuated("m5")
                .minimalReplica(-1)
                .holding(ALPINE, "m1");

        assertThat(given.copiesOf(ALPINE, ALPINE)).containsExactlyInAnyOrder("m2", "m3");
    }

    // ---- which to check, which to delete ----

    @Test
    void onlyUsableHoldersAreAskedToCheckTheirCopies() {
        Given given = new Given().online("m1", "m2").offline("m3").evacuated("m4");

        List<CheckWanted> checks =
                given.replication().checksWanted(Map.of(ALPINE.fingerprint(), Set.of("m2", "m1", "m3", "m4", "gone")));

        assertThat(checks)
                .containsExactly(
                        new CheckWanted(ALPINE.fingerprint(), "m1"), new CheckWanted(ALPINE.fingerprint(), "m2"));
    }

    @Test
    void aDeletedImagesCopiesGoFromEveryHolderUsableOrNot() {
        assertThat(Replication.copiesToDelete(List.of("m3", "m1", "offline", "m1")))
                .containsExactly("m1", "m3", "offline");
    }
}
