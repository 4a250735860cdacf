package dev.muster.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a public event record: its stable type name (never the Java class name), the schema version of
 * its data, and the Kafka topic it is published on. Changes inside one version are additive only.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
    /** Stable type name, e.g. {@code muster.operation.created}. */
    String name();

    /** Schema version of the event's data. */
    int version() default 1;

    /** Topic the event is published on, e.g. {@link Topics#OPERATIONS}. */
    String topic();
}
