package dev.muster.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.events.heartbeats.MemberState;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostStateReaderTest {

    private static Path fixtures() throws URISyntaxException {
        return Path.of(HostStateReaderTest.class.getResource("/proc/meminfo").toURI())
                .getParent();
    }

    @Test
    void readsSysinfoFromTheProcFiles() throws Exception {
        MemberState state = new HostStateReader(fixtures(), Path.of("/"), "x86_64").read();

        MemberState.SysInfo sysinfo = state.sysinfo();
        assertThat(sysinfo.uptime()).isEqualTo(350735);
        assertThat(sysinfo.loadAverages()).containsExactly(0.52, 0.58, 0.59);
        assertThat(sysinfo.totalRam()).isEqualTo(16318412L * 1024);
        assertThat(sysinfo.freeRam()).isEqualTo(1234567L * 1024);
        assertThat(sysinfo.sharedRam()).isEqualTo(512000L * 1024);
        assertThat(sysinfo.bufferedRam()).isEqualTo(204800L * 1024);
        assertThat(sysinfo.totalSwap()).isEqualTo(2097148L * 1024);
        assertThat(sysinfo.freeSwap()).isEqualTo(2000000L * 1024);
        assertThat(sysinfo.processes()).isEqualTo(1234);
        assertThat(sysinfo.logicalCpus()).isEqualTo(4);
    }

    @Test
    void reportsResourcesWithArchitectureAndMemoryInUseByPrograms() throws Exception {
        MemberState state = new HostStateReader(fixtures(), Path.of("/"), "aarch64").read();

        assertThat(state.resources().cpu()).isEqualTo(new MemberState.Cpu("aarch64", 4));
        assertThat(state.resources().memory().total()).isEqualTo(16318412L * 1024);
        assertThat(state.resources().memory().used()).isEqualTo((16318412L - 9876543L) * 1024);
    }

    @Test
    void reportsTheFilesystemOfTheStoragePathAsPoolLocal() throws Exception {
        MemberState state =
                new HostStateReader(fixtures(), Path.of(System.getProperty("java.io.tmpdir")), "x86_64").read();

        MemberState.StoragePoolState pool = state.storagePools().get("local");
        assertThat(pool.space().total()).isPositive();
        assertThat(pool.space().used()).isBetween(0L, pool.space().total());
        assertThat(pool.inodes()).isEqualTo(new MemberState.Usage(0, 0));
    }

    @Test
    void readsThisHostsRealProc() {
        MemberState state = HostStateReader.ofThisHost().read();

        assertThat(state.sysinfo().totalRam()).isPositive();
        assertThat(state.sysinfo().logicalCpus()).isPositive();
        assertThat(state.sysinfo().loadAverages()).hasSize(3);
    }

    @Test
    void meminfoWithoutMemAvailableCountsFreeBuffersAndCacheAsAvailable() {
        Meminfo meminfo = Meminfo.parse("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n");

        assertThat(meminfo.available()).isEqualTo(400 * 1024);
        assertThat(meminfo.used()).isEqualTo(600 * 1024);
        assertThat(meminfo.swapTotal()).isZero();
    }

    @Test
    void logicalCpusCountsOnlyNumberedCpuLines() {
        assertThat(LogicalCpus.count("cpu  1 2 3\ncpu0 1 2\ncpu1 1 2\nintr 5\n"))
                .isEqualTo(2);
        assertThat(LogicalCpus.count("")).isZero();
    }

    @Test
    void loadavgWithoutTheProcessFieldIsRejected() {
        assertThatThrownBy(() -> LoadAverage.parse("0.1 0.2 0.3")).isInstanceOf(IllegalArgumentException.class);
        assertThat(LoadAverage.parse("1.00 2.00 3.00 1/77 9").averages()).isEqualTo(List.of(1.0, 2.0, 3.0));
    }

    @Test
    void architectureNamesAreLxds() {
        assertThat(Architectures.lxdName("amd64")).isEqualTo("x86_64");
        assertThat(Architectures.lxdName("aarch64")).isEqualTo("aarch64");
        assertThat(Architectures.lxdName("arm")).isEqualTo("armv7l");
    }
}
