package dev.muster.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.testing.stack.StackDefinition;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/muster-supervise}, under which {@code ./muster} runs every process it starts: a process that dies is
 * started again, with back-off, and the restart is on record; a SIGTERM to the supervisor stops the process for good.
 */
class MusterSuperviseTest {

    @Test
    void aKilledProcessIsStartedAgainAndTheRestartIsOnRecordAndATermToTheSupervisorStopsItForGood(@TempDir Path run)
            throws Exception {
        Path log = run.resolve("sleeper.log");
        Process supervisor = new ProcessBuilder(
                        StackDefinition.root().resolve("bin/muster-supervise").toString(),
                        "sleeper",
                        run.toString(),
                        "sleep",
                        "300")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> pid(run).isPresent());
            long first = pid(run).orElseThrow();

            ProcessHandle.of(first).orElseThrow().destroyForcibly(); // SIGKILL, as a crash

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> pid(run).filter(p -> p != first).isPresent());
            long second = pid(run).orElseThrow();
            assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive)).contains(true);
            assertThat(Files.readString(run.resolve("sleeper.restarts")))
                    .startsWith("1 ")
                    .endsWith(" 137\n");
            assertThat(Files.readString(log)).contains("sleeper exited with status 137; restart 1 in 1 s");

            supervisor.destroy(); // SIGTERM to the supervisor

            assertThat(supervisor.waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false) == false);
            Thread.sleep(1500); // longer than the first back-off: nothing is started again
            assertThat(pid(run)).contains(second);
            assertThat(run.resolve("sleeper.supervisor.pid")).doesNotExist();
        } finally {
            supervisor.destroyForcibly();
            pid(run).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static Optional<Long> pid(Path run) {
        try {
            String text = Files.readString(run.resolve("sleeper.pid")).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
