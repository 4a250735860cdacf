#!/usr/bin/env bash
# The compose broker: one KRaft node, secured as ./muster up's (SASL/SCRAM-SHA-512, StandardAuthorizer, ACLs per
# principal). Its security settings and the super user's SCRAM credential come from the kafka-secrets volume
# (docker/kafka-access.sh prepare); the storage is formatted with that super user on first start.
set -euo pipefail
config=/tmp/server.properties
cat > "$config" << EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
log.dirs=/var/lib/kafka/data
num.partitions=6
auto.create.topics.enable=true
group.initial.rebalance.delay.ms=0
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
EOF
cat /secrets/broker.properties >> "$config"
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "${CLUSTER_ID:?}" -c "$config" \
  --add-scram "$(cat /secrets/admin.scram)"
exec /opt/kafka/bin/kafka-server-start.sh "$config"
