# One image per Muster service (docker-compose.yml builds it five times with MODULE set):
#   docker build -f docker/service.Dockerfile --build-arg MODULE=gateway -t muster/gateway .
#
# Build stage: the same for every service (no ARG before it), so Docker builds it once and reuses the
# cached layer for the other four images.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q --no-transfer-progress \
      -pl membership-service,scheduler-service,image-service,health-monitor,gateway,member-agent -am \
      package -DskipTests

# Kafka's principals (docker-compose.yml's kafka-credentials and kafka-access): kafka-access's AccessTool, which
# the member agent's jar carries with its lib/.
FROM eclipse-temurin:21-jre AS access
WORKDIR /app
COPY --from=build /src/member-agent/target/member-agent-*.jar /app/
COPY --from=build /src/member-agent/target/lib /app/lib
COPY docker/kafka-access.sh /app/kafka-access
ENTRYPOINT ["bash", "/app/kafka-access"]

# Run stage (the default target): a JRE, the service's Spring Boot jar, a health check, an unprivileged user.
FROM eclipse-temurin:21-jre
ARG MODULE
RUN test -n "${MODULE}" || { echo "build with --build-arg MODULE=<service module>" >&2; exit 1; } \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin muster \
 && mkdir -p /var/lib/muster/images && chown muster /var/lib/muster/images
WORKDIR /app
# the one jar of the module, whatever the project's version
COPY --from=build /src/${MODULE}/target/${MODULE}-*.jar /app/app.jar
COPY docker/healthcheck.sh /app/healthcheck
USER muster
# In a container a service listens on all of its interfaces; compose publishes only the gateway, on loopback.
# Its JVM flags: JAVA_OPTS, which docker-compose.yml sets to stack.env's MUSTER_SERVICE_JVM.
ENV MUSTER_BIND_ADDRESS=0.0.0.0 \
    JAVA_OPTS=""
# Its Kafka password: the file MUSTER_KAFKA_PASSWORD_FILE names (compose: the kafka-secrets volume), if any.
ENTRYPOINT ["sh", "-c", "if [ -n \"${MUSTER_KAFKA_PASSWORD_FILE:-}\" ]; then MUSTER_KAFKA_PASSWORD=$(cat \"$MUSTER_KAFKA_PASSWORD_FILE\"); export MUSTER_KAFKA_PASSWORD; fi; exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "muster"]
