#!/usr/bin/env bash
# Run once by the postgres image when its data directory is new (docker-entrypoint-initdb.d): one database per
# service, <MUSTER_DB_PREFIX>_<service>, as ./muster up creates them locally (stack.env sets the prefix).
set -euo pipefail
prefix="${MUSTER_DB_PREFIX:-muster}"
for service in membership scheduler images health gateway; do
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres -c "CREATE DATABASE \"${prefix}_${service}\""
done
