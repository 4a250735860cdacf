package dev.muster.system;

import static dev.muster.system.Lxd.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.system.LxcCli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Real containers end to end: three members, each a standalone LXD daemon driven by its own {@code member-agent}
 * process, the busybox image of {@code bin/busybox-image}, and the real {@code lxc} on the gateway's unix socket.
 * Every claim is checked twice: through the gateway, and in the member's daemon itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealInstancesThroughTheGatewayTest {

    @RegisterExtension
    static final MusterStack stack = MusterStack.of(
                    "membership-service", "health-monitor", "scheduler-service", "image-service", "gateway")
            .withImageStore()
            .withUnixSocket()
            .withLxdMembers(3, "m");

    private static final Duration LONG = Duration.ofSeconds(120);

    static Lxd lxd;

    @BeforeAll
    static void importTheBusyboxImage() throws Exception {
        lxd = stack.lxd();
        Path tarball = Files.createTempDirectory("muster-busybox").resolve("busybox.tar.gz");
        Process build = new ProcessBuilder(
                        repositoryRoot().resolve("bin/busybox-image").toString(), tarball.toString())
                .redirectErrorStream(true)
                .start();
        String built = new String(build.getInputStream().readAllBytes());
        assertThat(build.waitFor()).as(built).isZero();
        Run imported = lxc("image", "import", tarball.toString(), "--alias", "busybox");
        assertThat(imported.exit()).as(imported.out()).isZero();
    }

    @Test
    @Order(1)
    void launchOnATargetRunsTheInstanceInThatMembersDaemon() throws Exception {
        Run launch = lxc("launch", "busybox", "c1", "--target", "m2");

        assertThat(launch.exit()).as(launch.out()).isZero();
        assertThat(lxc("list", "c1", "--format", "csv", "-c", "nsL").out().trim())
                .isEqualTo("c1,RUNNING,m2");
        assertThat(inDaemon("m2", "c1")).isEqualTo("c1,RUNNING");
        assertThat(inDaemon("m1", "c1")).isEmpty();
        assertThat(inDaemon("m3", "c1")).isEmpty();
    }

    @Test
    @Order(2)
    void stopStartRestartFreezeAndUnfreezeAreTheDaemons() throws Exception {
        assertLxcOk("stop", "c1", "--force");
        assertThat(inDaemon("m2", "c1")).isEqualTo("c1,STOPPED");
        assertThat(listed("c1")).isEqualTo("c1,STOPPED");

        assertLxcOk("start", "c1");
        assertThat(inDaemon("m2", "c1")).isEqualTo("c1,RUNNING");

        String pidBefore = stack.daemon("m2")
                .lxc("list", "c1", "--format", "csv", "-c", "p")
                .trim();
        assertLxcOk("restart", "c1", "--force");
        assertThat(inDaemon("m2", "c1")).isEqualTo("c1,RUNNING");
        assertThat(stack.daemon("m2")
                        .lxc("list", "c1", "--format", "csv", "-c", "p")
                        .trim())
                .isNotEqualTo(pidBefore);

        assertLxcOk("pause", "c1");
        assertThat(inDaemon("m2", "c1")).isEqualTo("c1,FROZEN");
        assertThat(listed("c1")).isEqualTo("c1,FROZEN");

        assertLxcOk("start", "c1"); // lxc resumes a frozen instance with action unfreeze
        assertThat(inDaemon("m2", "c1")).isEqualTo("c1,RUNNING");
        assertThat(listed("c1")).isEqualTo("c1,RUNNING");
    }

    @Test
    @Order(3)
    void deletingARunningInstanceNeedsForceAndThenItIsGoneFromTheDaemon() throws Exception {
        assertLxcOk("launch", "busybox", "doomed", "--target", "m1");

        Lxd.Answer refused = lxd.send("DELETE", "/1.0/instances/doomed", null);
        JsonNode operation = refused.status() == 202 ? lxd.awaitOperation(refused) : refused.body();

        assertThat(operation.toString()).contains("Instance is running");
        assertThat(inDaemon("m1", "doomed")).isEqualTo("doomed,RUNNING");

        assertLxcOk("delete", "doomed", "--force");
        // the delete's operation ends before the member deleted it (unlike LXD's): the daemon follows soon after
        await().atMost(LONG).until(() -> inDaemon("m1", "doomed").isEmpty());
        assertThat(listed("doomed")).isEmpty();
    }

    @Test
    @Order(4)
    void moveCarriesAStoppedInstancesRootFilesystemAndLeavesNoCopyBehind() throws Exception {
        assertLxcOk("init", "busybox", "mover", "--target", "m1");
        Path marker = rootfs("m1", "mover").resolve("root/marker");
        Files.writeString(marker, "moved with its data\n");

        assertLxcOk("move", "mover", "--target", "m3");

        assertThat(listed("mover")).isEqualTo("mover,STOPPED");
        assertThat(lxc("list", "mover", "--format", "csv", "-c", "L").out().trim())
                .isEqualTo("m3");
        assertThat(inDaemon("m3", "mover")).isEqualTo("mover,STOPPED");
        assertThat(inDaemon("m1", "mover")).isEmpty();
        assertThat(Files.readString(rootfs("m3", "mover").resolve("root/marker")))
                .isEqualTo("moved with its data\n");
    }

    @Test
    @Order(5)
    void aRunningInstanceMovesStatelessStoppedMovedAndStartedAgainButNotLive() throws Exception {
        assertLxcOk("launch", "busybox", "runner", "--target", "m1");
        stack.daemon("m1").lxc("exec", "runner", "--", "sh", "-c", "echo alive > /root/marker");

        Run live = lxc("move", "runner", "--target", "m2");
        assertThat(live.exit()).isNotZero();
        assertThat(live.out()).contains("Unable to perform live container migration. CRIU isn't installed");
        assertThat(inDaemon("m1", "runner")).isEqualTo("runner,RUNNING");

        Run move = lxc("move", "runner", "--target", "m2", "--stateless");

        assertThat(move.exit()).as(move.out()).isZero();
        await().atMost(LONG).until(() -> inDaemon("m2", "runner").equals("runner,RUNNING"));
        assertThat(inDaemon("m1", "runner")).isEmpty();
        assertThat(lxc("list", "runner", "--format", "csv", "-c", "sL").out().trim())
                .isEqualTo("RUNNING,m2");
        assertThat(stack.daemon("m2").lxc("exec", "runner", "--", "cat", "/root/marker"))
                .isEqualTo("alive\n");
    }

    @Test
    @Order(6)
    void evacuationMigratesRunningInstancesAndRestoreBringsThemBackRunning() throws Exception {
        assertLxcOk("launch", "busybox", "e1", "--target", "m3");
        assertLxcOk("launch", "busybox", "e2", "--target", "m3");

        JsonNode evacuation = finished(
                lxd.send("POST", "/1.0/cluster/members/m3/state", json("{'action':'evacuate','mode':'migrate'}")));

        assertThat(evacuation.get("status").asString())
                .as(evacuation.toString())
                .isEqualTo("Success");
        for (String name : new String[] {"e1", "e2"}) {
            // the evacuation's operation ends once the moves are decided (LXD's once they are done): they follow
            await().atMost(LONG).until(() -> inDaemon("m3", name).isEmpty());
            String location =
                    lxc("list", name, "--format", "csv", "-c", "L").out().trim();
            assertThat(location).isIn("m1", "m2");
            await().atMost(LONG).until(() -> inDaemon(location, name).equals(name + ",RUNNING"));
        }

        JsonNode restore = finished(lxd.send("POST", "/1.0/cluster/members/m3/state", json("{'action':'restore'}")));

        assertThat(restore.get("status").asString()).as(restore.toString()).isEqualTo("Success");
        for (String name : new String[] {"e1", "e2"}) {
            await().atMost(LONG).until(() -> inDaemon("m3", name).equals(name + ",RUNNING"));
            // the source copy goes once the target confirmed its own
            await().atMost(LONG)
                    .until(() -> inDaemon("m1", name).isEmpty()
                            && inDaemon("m2", name).isEmpty());
            assertThat(lxc("list", name, "--format", "csv", "-c", "sL").out().trim())
                    .isEqualTo("RUNNING,m3");
        }
    }

    @Test
    @Order(7)
    void evacuationInStopModeReallyStopsThemAndRestoreStartsThemAgain() throws Exception {
        JsonNode evacuation = finished(
                lxd.send("POST", "/1.0/cluster/members/m3/state", json("{'action':'evacuate','mode':'stop'}")));

        assertThat(evacuation.get("status").asString())
                .as(evacuation.toString())
                .isEqualTo("Success");
        await().atMost(LONG).until(() -> inDaemon("m3", "e1").equals("e1,STOPPED"));
        await().atMost(LONG).until(() -> inDaemon("m3", "e2").equals("e2,STOPPED"));

        JsonNode restore = finished(lxd.send("POST", "/1.0/cluster/members/m3/state", json("{'action':'restore'}")));

        assertThat(restore.get("status").asString()).as(restore.toString()).isEqualTo("Success");
        await().atMost(LONG).until(() -> inDaemon("m3", "e1").equals("e1,RUNNING"));
        await().atMost(LONG).until(() -> inDaemon("m3", "e2").equals("e2,RUNNING"));
    }

    @Test
    @Order(8)
    void afterKillMinus9OfAnAgentAndItsRestartListIsStillRightAndAStrayInstanceIsReportedNotDeleted() throws Exception {
        String before = lxc("list", "--format", "csv", "-c", "nsL").out();
        // behind Muster's back, from the image copy Muster imported into m3's daemon
        String image = stack.daemon("m3")
                .lxc("image", "list", "--format", "csv", "-c", "f")
                .lines()
                .findFirst()
                .orElseThrow()
                .trim();
        stack.daemon("m3").lxc("init", image, "stray");

        stack.agent("m3").restartAfterKill();

        Path schedulerLog = Path.of("target", "stack-logs", "scheduler-service.log");
        await().atMost(LONG).until(() -> Files.readString(schedulerLog).contains("Member m3 holds instance stray"));
        assertThat(lxc("list", "--format", "csv", "-c", "nsL").out()).isEqualTo(before);
        assertThat(inDaemon("m3", "stray")).isEqualTo("stray,STOPPED");
        assertThat(inDaemon("m3", "e1")).isEqualTo("e1,RUNNING");
    }

    @Test
    @Order(9)
    void anImageThatDoesNotBootFailsTheLaunchWithTheDaemonsReasonAndBothSidesAgree() throws Exception {
        Path broken = Files.createTempFile("muster-broken", ".tar.gz");
        Files.write(broken, ImageTarballs.unified("x86_64", "Not bootable", 64 << 10));
        assertLxcOk("image", "import", broken.toString(), "--alias", "broken");

        Run launch = lxc("launch", "broken", "wreck", "--target", "m1");

        assertThat(launch.exit()).as(launch.out()).isNotZero();
        System.out.println("[figures] a launch of an image that does not boot: "
                + launch.out().trim());
        // as with LXD, lxc launch created the instance and then failed to start it: it stays, stopped, on both sides
        await().atMost(LONG).until(() -> inDaemon("m1", "wreck").equals(listed("wreck")));
        assertLxcOk("delete", "wreck", "--force");
        await().atMost(LONG).until(() -> inDaemon("m1", "wreck").isEmpty());
    }

    @Test
    @Order(10)
    void launchOnAMemberWhoseDaemonIsDownFailsNamingTheMember() throws Exception {
        stack.daemon("m1").stop();

        Run launch = lxc("launch", "busybox", "orphan", "--target", "m1");

        assertThat(launch.exit()).as(launch.out()).isNotZero();
        assertThat(launch.out()).contains("m1");
        System.out.println("[figures] a launch on a member whose daemon is down: "
                + launch.out().trim());
        assertThat(listed("orphan")).isEmpty();
    }

    private static JsonNode finished(Lxd.Answer async) {
        assertThat(async.status()).as(async.body().toString()).isEqualTo(202);
        String url = async.body().get("operation").asString();
        JsonNode operation = lxd.get(url).metadata();
        long deadline = System.nanoTime() + LONG.multipliedBy(2).toNanos();
        while (operation.get("status").asString().equals("Running") && System.nanoTime() < deadline) {
            operation = lxd.get(url + "/wait?timeout=30").metadata();
        }
        return operation;
    }

    /** The instance as the member's daemon lists it, {@code NAME,STATUS}, or empty. */
    private static String inDaemon(String member, String name) {
        return stack.daemon(member)
                .lxc("list", "--format", "csv", "-c", "ns")
                .lines()
                .filter(line -> line.startsWith(name + ","))
                .findFirst()
                .orElse("");
    }

    /** The instance as {@code lxc list} through the gateway shows it, {@code NAME,STATUS}, or empty. */
    private static String listed(String name) throws IOException, InterruptedException {
        return lxc("list", "--format", "csv", "-c", "ns")
                .out()
                .lines()
                .filter(line -> line.startsWith(name + ","))
                .findFirst()
                .orElse("");
    }

    private static Path rootfs(String member, String name) {
        return stack.daemon(member)
                .directory()
                .resolve("storage-pools/default/containers")
                .resolve(name)
                .resolve("rootfs");
    }

    private static void assertLxcOk(String... args) throws IOException, InterruptedException {
        Run run = lxc(args);
        assertThat(run.exit())
                .as("lxc " + String.join(" ", args) + ": " + run.out())
                .isZero();
    }

    private static Run lxc(String... args) throws IOException, InterruptedException {
        return LxcCli.run(stack.lxdDir(), args);
    }

    private static Path repositoryRoot() {
        return dev.muster.testing.stack.StackDefinition.root();
    }
}
