package dev.muster.kafka.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenFileReadsBackAndOnlyItsOwnerMayReadIt() throws IOException {
        Credentials made = Credentials.generate(List.of("gateway", "agent-m1"));
        Path file = dir.resolve("credentials");

        made.write(file);
        Credentials read = Credentials.read(file);

        assertThat(read.principals()).containsExactlyInAnyOrder("admin", "gateway", "agent-m1");
        assertThat(read.passwordOf("gateway")).isEqualTo(made.passwordOf("gateway"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void addingPrincipalsKeepsTheExistingPasswords() {
        Credentials first = Credentials.generate(List.of("gateway"));

        Credentials more = first.including(List.of("agent-m4"));

        assertThat(more.passwordOf("gateway")).isEqualTo(first.passwordOf("gateway"));
        assertThat(more.passwordOf("admin")).isEqualTo(first.passwordOf("admin"));
        assertThat(more.passwordOf("agent-m4")).isPresent().isNotEqualTo(more.passwordOf("gateway"));
    }

    @Test
    void neitherCredentialsNorAConnectionShowAPasswordWhenPrinted() {
        Credentials credentials = Credentials.generate(List.of("gateway"));
        String password = credentials.passwordOf("gateway").orElseThrow();

        assertThat(credentials.toString()).doesNotContain(password);
        assertThat(credentials.connection("127.0.0.1:9092", "gateway").toString())
                .doesNotContain(password)
                .contains("gateway");
        assertThat(credentials
                        .connection("127.0.0.1:9092", "gateway")
                        .clientConfig()
                        .toString())
                .contains(password);
    }

    @Test
    void aMalformedLineIsRefusedWithItsLineNumber() throws IOException {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "# comment\ngateway\n");

        assertThatThrownBy(() -> Credentials.read(file)).hasMessageContaining(":2:");
    }
}
