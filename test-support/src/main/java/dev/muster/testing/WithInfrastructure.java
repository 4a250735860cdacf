package dev.muster.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/** On a {@code @SpringBootTest}: run against real PostgreSQL (a fresh database) and a real Kafka broker. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Import(InfrastructureConnections.class)
public @interface WithInfrastructure {}
