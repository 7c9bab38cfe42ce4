#!/bin/sh
# Runs once, when the postgres container initialises an empty data directory
# (/docker-entrypoint-initdb.d), as the superuser POSTGRES_USER.
#
# Two roles and a database, as docs/operations.md describes:
#   backoffice_owner  owns the database and the public schema; `backoffice migrate` connects as it
#   backoffice_app    owns nothing, NOBYPASSRLS: row level security binds every query it makes;
#                     `backoffice migrate` grants it its table privileges (DATABASE_APP_ROLE)
set -eu

: "${BACKOFFICE_DB_NAME:=backoffice}"
: "${BACKOFFICE_OWNER_ROLE:=backoffice_owner}"
: "${BACKOFFICE_APP_ROLE:=backoffice_app}"
: "${BACKOFFICE_OWNER_PASSWORD:?set BACKOFFICE_OWNER_PASSWORD}"
: "${BACKOFFICE_APP_PASSWORD:?set BACKOFFICE_APP_PASSWORD}"

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v db="$BACKOFFICE_DB_NAME" \
  -v owner="$BACKOFFICE_OWNER_ROLE" -v owner_password="$BACKOFFICE_OWNER_PASSWORD" \
  -v app="$BACKOFFICE_APP_ROLE" -v app_password="$BACKOFFICE_APP_PASSWORD" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE :"app" LOGIN PASSWORD :'app_password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE DATABASE :"db" OWNER :"owner";
\connect :"db"
REVOKE ALL ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO :"owner";
SQL
