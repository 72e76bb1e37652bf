#!/usr/bin/env bash
# The heavier fault command (issue #12), kept out of the test command: starts a PRIVATE PostgreSQL 15
# cluster under /tmp on a free port, makes the owner and runtime roles there with generated
# passwords, and runs api/Api.FaultRun: the API on Kestrel at 127.0.0.1 under a bounded write load
# while the database is stopped (fast, immediate) and frozen (SIGSTOP/SIGCONT). It prints a summary
# table and exits non-zero when an acknowledged write was lost or anything but 503 failed.
# Never touches the shared cluster on 5432; the private one is stopped and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_BIN="${CC_PG_BIN:-$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -1)}"
[ -x "$PG_BIN/initdb" ] || { echo "error: no PostgreSQL server binaries (apt-get install postgresql-15)" >&2; exit 1; }

work="$(mktemp -d /tmp/cc-faults.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
api_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
secret() { head -c 36 /dev/urandom | base64 | tr -d '\n/+='; }
if [ "$(id -u)" = 0 ]; then run_as=postgres; as_pg() { runuser -u postgres -- "$@"; }; chown postgres "$work"
else run_as=""; as_pg() { "$@"; }; fi
cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  if [ "${1:-0}" != 0 ] && [ -f "$work/api.log" ]; then echo "--- last lines of the API's log"; tail -20 "$work/api.log"; fi
  [ -n "${KEEP_FAULT_DIR:-}" ] || rm -rf "$work"
}
trap 'cleanup $?' EXIT

echo "==> private cluster in $work on 127.0.0.1:$port"
as_pg "$PG_BIN/initdb" -D "$work/data" -A peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
owner_pw="$(secret)"; app_pw="$(secret)"
psql_admin() { as_pg psql -h /tmp -p "$port" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_admin -c "CREATE ROLE cc_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '$owner_pw'" \
           -c "CREATE ROLE cc_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '$app_pw'" \
           -c "CREATE DATABASE cc_faults OWNER cc_owner"
as_pg psql -h /tmp -p "$port" -d cc_faults -v ON_ERROR_STOP=1 -qtA -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO cc_owner"

if [ -z "${FAULT_NO_BUILD:-}" ]; then
  echo "==> building the API and the fault driver (Release)"
  dotnet build api/Api/Api.csproj -c Release -nologo -v q -clp:ErrorsOnly
  dotnet build api/Api.FaultRun/Api.FaultRun.csproj -c Release -nologo -v q -clp:ErrorsOnly
fi

export ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Username=cc_app;Password=$app_pw;Database=cc_faults"
export ConnectionStrings__Migrations="Host=127.0.0.1;Port=$port;Username=cc_owner;Password=$owner_pw;Database=cc_faults"
export Database__MigrateOnStartup=true Database__RuntimeRole=cc_app Demo__Seed=true
export Demo__AdminPassword="$(secret)" Demo__RepPassword="$(secret)"
export Jwt__SigningKey="$(secret)" Audit__DigestKey="$(secret)" Audit__CheckpointKey="$(secret)" Email__UnsubscribeKey="$(secret)"
export Email__PublicBaseUrl="http://127.0.0.1:$api_port" Email__PickupDirectory="$work/mail" Email__RunOutbox=false
export RateLimiting__SignInPermitLimit=1000 ASPNETCORE_ENVIRONMENT=Production
export FAULT_API_DLL="$PWD/api/Api/bin/Release/net10.0/ComplianceConnect.Api.dll" FAULT_API_PORT="$api_port"
export FAULT_PG_BIN="$PG_BIN" FAULT_PG_DATA="$work/data" FAULT_PG_PORT="$port" FAULT_PG_LOG="$work/postgres.log" FAULT_PG_RUN_AS="$run_as"
export FAULT_OWNER_CONNECTION="$ConnectionStrings__Migrations"
echo "==> fault run"
dotnet api/Api.FaultRun/bin/Release/net10.0/ComplianceConnect.Api.FaultRun.dll
