#!/usr/bin/env bash
# Container health check of a Muster service: healthcheck PORT
# Healthy when http://127.0.0.1:PORT/actuator/health answers "status":"UP". Uses bash's /dev/tcp, so the
# runtime image needs neither curl nor wget.
set -u
port="${1:?usage: healthcheck PORT}"
exec 3<> "/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /actuator/health HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nConnection: close\r\n\r\n' >&3
answer="$(timeout 5 cat <&3)" || exit 1
case "$answer" in
  *'"status":"UP"'*) exit 0 ;;
  *) exit 1 ;;
esac
