package dev.muster.testing.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackDefinitionTest {

    @Test
    void readsKeyValueLinesUnquotingValuesAndSkippingComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(StackDefinition.FILE);
        Files.writeString(file, """
                # a comment with KEY=VALUE in it
                MUSTER_A=1
                MUSTER_FLAGS="-Xmx160m  -XX:+UseSerialGC"
                MUSTER_EMPTY=
                  not a line
                """);

        StackDefinition definition = new StackDefinition(dir, StackDefinition.parse(file), key -> null);

        assertThat(StackDefinition.parse(file))
                .containsExactly(
                        Map.entry("MUSTER_A", "1"),
                        Map.entry("MUSTER_FLAGS", "-Xmx160m  -XX:+UseSerialGC"),
                        Map.entry("MUSTER_EMPTY", ""));
        assertThat(definition.flags("MUSTER_FLAGS")).containsExactly("-Xmx160m", "-XX:+UseSerialGC");
        assertThat(definition.flags("MUSTER_EMPTY")).isEmpty();
    }

    @Test
    void anEnvironmentVariableWinsOverTheFilesLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(StackDefinition.FILE);
        Files.writeString(file, "MUSTER_GATEWAY_PORT=8080\nMUSTER_HEALTH_PORT=8084\n");

        StackDefinition definition = new StackDefinition(
                dir, StackDefinition.parse(file), key -> key.equals("MUSTER_GATEWAY_PORT") ? "18080" : null);

        assertThat(definition.get("MUSTER_GATEWAY_PORT")).isEqualTo("18080");
        assertThat(definition.get("MUSTER_HEALTH_PORT")).isEqualTo("8084");
    }

    @Test
    void theRepositorysStackFileIsFoundFromAModuleDirectory() {
        StackDefinition definition = StackDefinition.load();

        assertThat(definition.repositoryRoot().resolve("pom.xml")).exists();
        assertThat(definition.fileValue("MUSTER_SERVICE_JVM")).contains("-Xmx");
    }

    @Test
    void theStackFilesKafkaVersionIsThePomsAndTheBrokerToolsToo() throws Exception {
        StackDefinition definition = StackDefinition.load();
        String brokerPom = Files.readString(definition.repositoryRoot().resolve("tools/kafka-broker/pom.xml"));
        Matcher brokerVersion =
                Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(brokerPom);

        assertThat(StackDefinition.kafkaVersion()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(definition.fileValue("MUSTER_KAFKA_VERSION")).isEqualTo(StackDefinition.kafkaVersion());
        assertThat(brokerVersion.find()).isTrue();
        assertThat(brokerVersion.group(1)).isEqualTo(StackDefinition.kafkaVersion());
    }

    @Test
    void theProjectVersionComesFromTheBuild() throws Exception {
        String rootPom = Files.readString(StackDefinition.root().resolve("pom.xml"));

        assertThat(StackDefinition.projectVersion()).doesNotContain("@").isNotBlank();
        assertThat(rootPom).contains("<version>" + StackDefinition.projectVersion() + "</version>");
    }
}
