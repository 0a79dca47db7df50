#!/bin/sh
# Entry point of the edge container (docker-compose.yml): renders the shared templates with the
# container's EDGE_* settings and runs nginx in the foreground. The image's own configuration
# templates are not used, so compose and the local test run the same nginx.conf.
set -eu

: "${EDGE_CONF_DIR:=/etc/gatehouse-edge}"
: "${EDGE_RUN_DIR:=/tmp/gatehouse-edge}"
export EDGE_CONF_DIR EDGE_RUN_DIR

# The Core Rule Set's location differs between image versions; take the first that exists.
if [ -z "${EDGE_CRS_RULES:-}" ]; then
  for dir in /opt/owasp-crs/rules /etc/modsecurity.d/owasp-crs/rules /usr/share/modsecurity-crs/rules; do
    if [ -d "$dir" ]; then EDGE_CRS_RULES="$dir"; break; fi
  done
fi
if [ -z "${EDGE_CRS_RULES:-}" ]; then
  echo "edge: no OWASP Core Rule Set found; set EDGE_CRS_RULES to its rules directory" >&2
  exit 1
fi
export EDGE_CRS_RULES
export EDGE_MODSEC_RULES="$EDGE_RUN_DIR/modsecurity-main.conf"

mkdir -p "$EDGE_RUN_DIR"
# ModSecurity is always a dynamic module; the stream module (partner TLS passthrough) is built in
# where nginx was configured --with-stream (the official nginx images), a module where it was
# configured --with-stream=dynamic (Debian's nginx).
{
  echo "load_module $EDGE_MODSEC_MODULE;"
  if nginx -V 2>&1 | grep -q -- '--with-stream=dynamic'; then
    echo "load_module $(dirname "$EDGE_MODSEC_MODULE")/ngx_stream_module.so;"
  fi
} > "$EDGE_RUN_DIR/modules.conf"
vars=$(env | sed -n 's/^\(EDGE_[A-Z_]*\)=.*/${\1}/p' | tr '\n' ' ')
envsubst "$vars" < "$EDGE_CONF_DIR/nginx.conf.template" > "$EDGE_RUN_DIR/nginx.conf"
envsubst "$vars" < "$EDGE_CONF_DIR/modsecurity/modsecurity.conf.template" > "$EDGE_RUN_DIR/modsecurity.conf"
envsubst "$vars" < "$EDGE_CONF_DIR/modsecurity/main.conf.template" > "$EDGE_RUN_DIR/modsecurity-main.conf"

# -e: nginx opens its error log before reading the configuration; the default path is not writable.
nginx -e stderr -t -c "$EDGE_RUN_DIR/nginx.conf"
exec nginx -e stderr -c "$EDGE_RUN_DIR/nginx.conf" -g 'daemon off;'
