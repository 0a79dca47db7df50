#!/bin/sh
# What the official redis image's entry point does that docker-compose.yml relies on: options alone
# mean redis-server; the server runs as user redis; protected mode is off (the official image builds
# it off; Debian's binary has it on, which refuses every client from another container).
set -e
if [ "${1#-}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ]; then
  shift
  conf=
  case "${1:-}" in ""|-*) ;; *) conf="$1"; shift ;; esac
  if [ -n "$conf" ]; then set -- "$conf" --protected-mode no "$@"; else set -- --protected-mode no "$@"; fi
  if [ "$(id -u)" = 0 ]; then
    exec setpriv --reuid=redis --regid=redis --init-groups redis-server "$@"
  fi
  exec redis-server "$@"
fi
exec "$@"
