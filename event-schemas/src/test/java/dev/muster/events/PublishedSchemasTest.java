package dev.muster.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema files published in {@code src/main/resources/schemas} describe the records exactly.
 * After an additive change, regenerate them with {@code ./mvnw -pl event-schemas test -Dmuster.schemas.write=true}.
 */
class PublishedSchemasTest {

    static final Path SCHEMAS = Path.of("src/main/resources");
    private static final JsonMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static Stream<Class<? extends PublicEvent>> eventTypes() {
        return PublicEvents.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void publishedSchemaMatchesTheRecord(Class<? extends PublicEvent> eventClass) throws IOException {
        EventType type = PublicEvents.typeOf(eventClass);
        Path file = SCHEMAS.resolve(EventEnvelope.schemaPath(type.name(), type.version()));
        JsonNode generated = new SchemaGenerator().schemaOf(eventClass);
        if (Boolean.getBoolean("muster.schemas.write")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, PRETTY.writeValueAsString(generated) + "\n");
        }
        assertThat(file).as("schema file for %s", type.name()).exists();
        assertThat(PRETTY.readTree(file.toFile())).isEqualTo(generated);
    }
}
