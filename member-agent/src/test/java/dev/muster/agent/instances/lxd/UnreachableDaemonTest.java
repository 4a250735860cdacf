package dev.muster.agent.instances.lxd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnreachableDaemonTest {

    @Test
    void aDirectoryWithoutAnAnsweringDaemonIsNamedInTheError(@TempDir Path directory) {
        assertThatThrownBy(() -> LxdRuntime.connect(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("LXD daemon at " + directory + " is not reachable: ");
    }
}
