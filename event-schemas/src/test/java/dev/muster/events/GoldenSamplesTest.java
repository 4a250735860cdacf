package dev.muster.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden samples pin the published shape of every event type version. A sample written once must keep
 * validating against the current schema and must survive a round trip through the current record with
 * every field intact: removing, renaming or retyping a field fails here; adding one does not.
 * A new type's sample is written with {@code -Dmuster.golden.write=true}, then committed.
 */
class GoldenSamplesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final JsonMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final EventCodec codec = new EventCodec("/muster/golden");

    static Stream<Class<? extends PublicEvent>> eventTypes() {
        return PublicEvents.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void goldenSampleStillValidatesAgainstThePublishedSchema(Class<? extends PublicEvent> eventClass)
            throws IOException {
        JsonNode golden = golden(eventClass);
        EventType type = PublicEvents.typeOf(eventClass);
        Path schemaFile = PublishedSchemasTest.SCHEMAS.resolve(EventEnvelope.schemaPath(type.name(), type.version()));
        var schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(schemaFile));
        var legacyJson = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(schema.validate(legacyJson.readTree(golden.get("data").toString())))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void goldenSampleSurvivesARoundTripThroughTheCurrentRecord(Class<? extends PublicEvent> eventClass)
            throws IOException {
        JsonNode golden = golden(eventClass);
        EventEnvelope envelope = codec.readEnvelope(golden.toString().getBytes());
        PublicEvent data = codec.dataOf(envelope).orElseThrow();
        JsonNode reencoded = codec.json().valueToTree(data);
        assertContainsEveryField(golden.get("data"), reencoded, "data");
        assertThat(envelope.type()).isEqualTo(PublicEvents.typeOf(eventClass).name());
        assertThat(envelope.schemaversion())
                .isEqualTo(PublicEvents.typeOf(eventClass).version());
        assertThat(data.key()).isEqualTo(envelope.subject());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void envelopeCarriesTheCloudEventsAttributes(Class<? extends PublicEvent> eventClass) throws IOException {
        JsonNode golden = golden(eventClass);
        for (String attribute : new String[] {
            "specversion", "id", "type", "source", "subject", "time", "dataschema", "schemaversion", "data"
        }) {
            assertThat(golden.has(attribute)).as("attribute %s", attribute).isTrue();
        }
        assertThat(golden.get("specversion").asString()).isEqualTo("1.0");
    }

    private static void assertContainsEveryField(JsonNode expected, JsonNode actual, String path) {
        assertThat(actual).as("field %s", path).isNotNull();
        if (expected.isObject()) {
            assertThat(actual.isObject()).as("%s is an object", path).isTrue();
            Iterator<Map.Entry<String, JsonNode>> fields = expected.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertContainsEveryField(field.getValue(), actual.get(field.getKey()), path + "." + field.getKey());
            }
        } else if (expected.isNumber()) {
            assertThat(actual.isNumber()).as("%s is a number", path).isTrue();
            assertThat(actual.decimalValue()).as("field %s", path).isEqualByComparingTo(expected.decimalValue());
        } else {
            assertThat(actual).as("field %s", path).isEqualTo(expected);
        }
    }

    private JsonNode golden(Class<? extends PublicEvent> eventClass) throws IOException {
        EventType type = PublicEvents.typeOf(eventClass);
        Path file = GOLDEN.resolve(type.name() + ".v" + type.version() + ".json");
        if (Boolean.getBoolean("muster.golden.write") && !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            EventEnvelope envelope = new EventCodec(
                            "/muster/membership-service", Clock.fixed(Samples.UPDATED, ZoneOffset.UTC))
                    .envelope("0b8a3f2e-5c1d-4e7a-9f60-2d4c8b1a7e93", Samples.of(eventClass));
            Files.writeString(file, PRETTY.writeValueAsString(codec.json().valueToTree(envelope)) + "\n");
        }
        assertThat(file)
                .as("golden sample for %s (write it with -Dmuster.golden.write=true)", type.name())
                .exists();
        return codec.json().readTree(file.toFile());
    }
}
