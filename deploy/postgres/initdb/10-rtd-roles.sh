#!/bin/sh
# First start of the compose stack's PostgreSQL: the login roles with their passwords (the CLI's
# db:setup, run by the migrate service, then gives them their attributes, creates the database
# rtd_hub, its extensions and its tables), and Keycloak's own database.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$RTD_OWNER_PASSWORD" -v app_password="$RTD_APP_PASSWORD" \
  -v keycloak_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE rtd_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE rtd_app LOGIN PASSWORD :'app_password';
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';
CREATE DATABASE keycloak OWNER keycloak;
SQL
