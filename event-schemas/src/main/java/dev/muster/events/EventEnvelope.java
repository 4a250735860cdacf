package dev.muster.events;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The envelope every public event travels in: CloudEvents 1.0 attributes in structured JSON mode,
 * plus the {@code schemaversion} extension attribute. {@code data} holds the event record as JSON.
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id unique event id (UUID); consumers deduplicate on it
 * @param type stable type name, e.g. {@code muster.operation.created}
 * @param source the producing service, e.g. {@code /muster/membership-service}
 * @param subject the entity the event is about (also the Kafka key)
 * @param time when the event happened
 * @param datacontenttype always {@code application/json}
 * @param dataschema URI of the JSON Schema of {@code data}: {@code urn:muster:schema:<type>:v<version>}, published in
 *     the event-schemas jar at {@code schemas/<type>/v<version>.json}
 * @param schemaversion the version of {@code data}'s schema
 * @param data the event record
 */
public record EventEnvelope(
        String specversion,
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String datacontenttype,
        String dataschema,
        int schemaversion,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** The {@code dataschema} URI and JSON Schema {@code $id} of a type version. */
    public static String schemaUri(String type, int version) {
        return "urn:muster:schema:" + type + ":v" + version;
    }

    /** Where the JSON Schema of a type version lies in the event-schemas jar. */
    public static String schemaPath(String type, int version) {
        return "schemas/" + type + "/v" + version + ".json";
    }
}
