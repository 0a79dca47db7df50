#!/usr/bin/env bash
# Run once by the postgres image on an empty data volume: one database and one owner per
# component, so that no component can read another's tables. Passwords come from the environment
# (see .env.example); a change needs a fresh volume: docker compose down -v. The services' lines
# come from gatehouse.yaml (./gatehouse generate).
set -euo pipefail

create() {
  local user="$1" password="$2" database="$3"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v user="$user" -v password="$password" -v database="$database" <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"user";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL
}

# Every password first: an unset or empty one stops the script, naming it, before any database exists.
: "${KEYCLOAK_DB_PASSWORD:?KEYCLOAK_DB_PASSWORD is not set}"
# >>> generated database-passwords from gatehouse.yaml by ./gatehouse generate: do not edit down to <<<
: "${CUSTOMER_DB_PASSWORD:?CUSTOMER_DB_PASSWORD is not set}"
: "${POLICY_DB_PASSWORD:?POLICY_DB_PASSWORD is not set}"
# <<< generated database-passwords
create keycloak "$KEYCLOAK_DB_PASSWORD" keycloak
# >>> generated databases from gatehouse.yaml by ./gatehouse generate: do not edit down to <<<
create customers "$CUSTOMER_DB_PASSWORD" customers
create policies "$POLICY_DB_PASSWORD" policies
# <<< generated databases
