package dev.muster.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.system.LxcCli.Run;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real {@code lxc} client (Debian's lxd-client 5.0.2) drives Muster unchanged through the gateway's unix
 * socket, as it would a local LXD: {@code LXD_DIR=<dir> lxc cluster …}. Skipped where lxc is not installed, except in
 * CI, where that fails ({@code .ci/run} installs it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(value = "lxcInstalled", disabledReason = "lxc is not installed (apt-get install lxd-client)")
class LxcClientTest {

    @RegisterExtension
    static final MusterStack stack =
            MusterStack.of("membership-service", "gateway").withUnixSocket();

    static Path lxdDir;

    /** Evaluated before the stack starts: where lxc is missing, nothing is started. */
    static boolean lxcInstalled() {
        return LxcCli.installed();
    }

    @BeforeAll
    static void bootstrap() {
        lxdDir = stack.lxdDir();
        Lxd lxd = stack.lxd();
        assertThat(lxd.send(
                                "PUT",
                                "/1.0/cluster",
                                Lxd.json("{'server_name':'m1','enabled':true,'server_address':'10.1.0.1:8443'}"))
                        .status())
                .isEqualTo(202);
    }

    @Test
    @Order(1)
    void clusterListShowsTheMembers() throws Exception {
        Run list = lxc("cluster", "list", "--format", "csv");

        assertThat(list.exit()).as(list.out()).isZero();
        assertThat(list.out()).contains("m1", "https://10.1.0.1:8443", "ONLINE", "Fully operational");
    }

    @Test
    @Order(2)
    void clusterShowPrintsTheMember() throws Exception {
        Run show = lxc("cluster", "show", "m1");

        assertThat(show.exit()).as(show.out()).isZero();
        assertThat(show.out()).contains("server_name: m1", "database-leader");
    }

    @Test
    @Order(3)
    void clusterEditThroughSetAndGet() throws Exception {
        Run set = lxc("cluster", "set", "m1", "user.rack", "r7");
        Run get = lxc("cluster", "get", "m1", "user.rack");

        assertThat(set.exit()).as(set.out()).isZero();
        assertThat(get.out().trim()).isEqualTo("r7");
    }

    @Test
    @Order(4)
    void clusterGroupsCanBeCreatedAssignedAndDeleted() throws Exception {
        assertThat(lxc("cluster", "group", "create", "gpu").exit()).isZero();
        Run assign = lxc("cluster", "group", "assign", "m1", "gpu,default");
        Run groups = lxc("cluster", "group", "list", "--format", "csv");
        Run unassign = lxc("cluster", "group", "assign", "m1", "default");
        Run delete = lxc("cluster", "group", "delete", "gpu");

        assertThat(assign.exit()).as(assign.out()).isZero();
        assertThat(groups.out()).contains("gpu");
        assertThat(unassign.exit()).as(unassign.out()).isZero();
        assertThat(delete.exit()).as(delete.out()).isZero();
        assertThat(lxc("cluster", "group", "list", "--format", "csv").out()).doesNotContain("gpu");
    }

    @Test
    @Order(5)
    void serverConfigIsSetAndReadBack() throws Exception {
        Run set = lxc("config", "set", "cluster.offline_threshold", "15");
        Run get = lxc("config", "get", "cluster.offline_threshold");
        Run bad = lxc("config", "set", "cluster.max_voters", "4");

        assertThat(set.exit()).as(set.out()).isZero();
        assertThat(get.out().trim()).isEqualTo("15");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.out()).contains("cluster.max_voters");
    }

    @Test
    @Order(6)
    void aJoinTokenIsIssuedListedAndRevoked() throws Exception {
        Run add = lxc("cluster", "add", "m2");
        Run tokens = lxc("cluster", "list-tokens", "--format", "csv");
        Run revoke = lxc("cluster", "revoke-token", "m2");

        assertThat(add.exit()).as(add.out()).isZero();
        assertThat(tokens.out()).contains("m2");
        assertThat(revoke.exit()).as(revoke.out()).isZero();
    }

    private static Run lxc(String... args) throws IOException, InterruptedException {
        return LxcCli.run(lxdDir, args);
    }
}
