package dev.muster.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives the JSON Schema (draft 2020-12) of an event record from its components, so that the published
 * schema files can be checked against the code (see {@code PublishedSchemasTest}).
 */
public final class SchemaGenerator {

    private final JsonMapper json = EventCodec.mapper();

    public ObjectNode schemaOf(Class<? extends PublicEvent> eventClass) {
        EventType type = PublicEvents.typeOf(eventClass);
        ObjectNode schema = json.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", EventEnvelope.schemaUri(type.name(), type.version()));
        schema.put("title", type.name() + " v" + type.version());
        schema.put("description", "The data of a " + type.name() + " event, published on " + type.topic());
        schema.setAll(objectSchema(eventClass));
        return schema;
    }

    private ObjectNode objectSchema(Class<?> recordClass) {
        ObjectNode node = json.createObjectNode();
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        var required = node.putArray("required");
        for (RecordComponent component : recordClass.getRecordComponents()) {
            String name = jsonName(component);
            properties.set(name, schemaOfType(component.getGenericType()));
            required.add(name);
        }
        return node;
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty explicit = component.getAccessor().getAnnotation(JsonProperty.class);
        if (explicit == null) {
            explicit = component.getAnnotation(JsonProperty.class);
        }
        return explicit != null
                ? explicit.value()
                : component.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private ObjectNode schemaOfType(Type type) {
        ObjectNode node = json.createObjectNode();
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            node.put("type", "string");
        } else if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            node.put("type", "integer");
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            node.put("type", "number");
        } else if (raw == boolean.class || raw == Boolean.class) {
            node.put("type", "boolean");
        } else if (raw == Instant.class) {
            node.put("type", "string");
            node.put("format", "date-time");
        } else if (raw.isEnum()) {
            node.put("type", "string");
            var values = node.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(constant.toString());
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            node.put("type", "object");
            node.set("additionalProperties", schemaOfType(((ParameterizedType) type).getActualTypeArguments()[1]));
        } else if (Collection.class.isAssignableFrom(raw)) {
            node.put("type", "array");
            node.set("items", schemaOfType(((ParameterizedType) type).getActualTypeArguments()[0]));
        } else if (raw.isRecord()) {
            node.setAll(objectSchema(raw));
        } else if (raw == Object.class) {
            return node; // any JSON value
        } else {
            throw new IllegalArgumentException("no JSON Schema mapping for " + type);
        }
        return node;
    }
}
