package dev.muster.testing.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What docker compose runs keeps its state in named volumes, so that a container recreated by {@code docker compose
 * up} (a new image, a changed setting) finds the databases, Kafka's event log and the image blobs it left.
 */
class ComposeVolumesTest {

    @Test
    void theDatabasesTheEventLogAndTheImageBlobsLiveInNamedVolumes() throws Exception {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(StackDefinition.root().resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Object> services = map(compose.get("services"));

        assertThat(mounts(services, "postgres")).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(mounts(services, "kafka")).contains("kafka-data:/var/lib/kafka/data");
        assertThat(Files.readString(StackDefinition.root().resolve("docker/kafka-start.sh")))
                .contains("log.dirs=/var/lib/kafka/data");
        assertThat(mounts(services, "image-service")).contains("image-store:/var/lib/muster/images");
        assertThat(map(map(services.get("image-service")).get("environment")).get("MUSTER_IMAGES_STORE"))
                .isEqualTo("/var/lib/muster/images");
        assertThat(map(compose.get("volumes"))).containsKeys("postgres-data", "kafka-data", "image-store");
    }

    private static List<Object> mounts(Map<String, Object> services, String service) {
        Object volumes = map(services.get(service)).get("volumes");
        return volumes == null ? List.of() : List.copyOf((List<?>) volumes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
