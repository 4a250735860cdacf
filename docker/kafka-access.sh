#!/usr/bin/env bash
# Kafka's principals for docker compose (kafka-access's AccessTool, from the member agent's jar):
#   kafka-access prepare        make /secrets/credentials (once; kept in the kafka-secrets volume, never in the
#                               image or the repository), the broker's security settings and the super user's
#                               SCRAM argument for the broker (uid 1000), and one password file per service (uid 10001)
#   kafka-access apply HOST:PORT  create the SCRAM users and ACLs on the broker, as the super user
set -euo pipefail
SECRETS=/secrets
tool() { java -cp "$(ls /app/member-agent-*.jar | head -1)" dev.muster.kafka.access.AccessTool "$@"; }
case "${1:-}" in
  prepare)
    umask 077
    tool credentials "$SECRETS/credentials"
    tool broker-properties "$SECRETS/credentials" 0.0.0.0 9092 9093 \
      | sed 's|^advertised.listeners=.*|advertised.listeners=SASL_PLAINTEXT://kafka:9092|' > "$SECRETS/broker.properties"
    tool format-scram "$SECRETS/credentials" > "$SECRETS/admin.scram"
    chown 1000 "$SECRETS/broker.properties" "$SECRETS/admin.scram"
    for service in membership-service scheduler-service image-service health-monitor gateway; do
      sed -n "s/^$service=//p" "$SECRETS/credentials" > "$SECRETS/$service.password"
      chown 10001 "$SECRETS/$service.password"
    done
    ;;
  apply)
    tool apply "$SECRETS/credentials" "${2:?usage: kafka-access apply HOST:PORT}"
    ;;
  *)
    echo "usage: kafka-access prepare | apply HOST:PORT" >&2
    exit 2
    ;;
esac
