# Shared by scripts/run.sh and scripts/test.sh: install what is missing and start PostgreSQL.
# Sourced, not run. Everything here is idempotent: a second run reuses what the first started.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="$REPO_ROOT/.local"
mkdir -p "$LOCAL_DIR"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $* (install it yourself, or run as root)"; fi
}

# ensure_packages PKG... : apt-get install the Debian packages whose marker command is missing.
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    case "$pkg" in
      postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql) ;;
      chromium) command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
      *) dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg") ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them with"
  say "Installing ${missing[*]} (Debian packages)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_secrets: generated once per checkout into .local/secrets.env (git-ignored, mode 600) and
# sourced; a value already in the environment wins. Nothing here is a fixed, known password.
ensure_secrets() {
  local secrets="$LOCAL_DIR/secrets.env" name
  (umask 077; touch "$secrets")
  for name in CC_JWT_KEY CC_AUDIT_KEY CC_CHECKPOINT_KEY CC_UNSUBSCRIBE_KEY CC_OWNER_DB_PASSWORD CC_APP_DB_PASSWORD CC_TEST_APP_DB_PASSWORD \
              CC_DEMO_ADMIN_PASSWORD CC_DEMO_REP_PASSWORD; do
    grep -q "^$name=" "$secrets" || echo "$name=$(head -c 36 /dev/urandom | base64 | tr -d '\n/+=')" >> "$secrets"
  done
  set -a; source "$secrets"; set +a
}

# pg_admin ARGS...: psql as the cluster's superuser, reached only through the operating system's own
# account (peer authentication): as root the postgres system user, otherwise the developer's own user
# on the private cluster. No superuser role has a password, and neither the API nor the tests use one.
pg_admin() { pg_admin_in postgres "$@"; }

# pg_admin_in DATABASE ARGS...: the same, connected to another database.
pg_admin_in() {
  local db="$1"; shift
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- psql -p "$CC_PG_PORT" -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"
  else
    psql -h /tmp -p "$CC_PG_PORT" -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"
  fi
}

# ensure_postgres: starts a local PostgreSQL (if none is configured), makes the project's roles and
# exports CC_POSTGRES, a connection string of the schema owner without a database name.
ensure_postgres() {
  ensure_secrets
  if [ -n "${CC_POSTGRES:-}" ] && [ -n "${CC_PG_PORT:-}" ]; then return 0; fi
  ensure_packages postgresql
  local version bin port
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  bin="/usr/lib/postgresql/$version/bin"
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root: use Debian's cluster, which runs as the postgres user
    # (peer authentication on its socket, scram-sha-256 over TCP).
    pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main"' | grep -q . || pg_createcluster "$version" main >/dev/null
    pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null \
      || die "PostgreSQL $version did not start; see /var/log/postgresql/postgresql-$version-main.log"
    port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"
  else
    # A developer's own user: a private cluster under .local/, on its own port; that user is its superuser.
    local data="$LOCAL_DIR/pgdata"
    port=55432
    [ -d "$data" ] || "$bin/initdb" -D "$data" --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    # Sockets go to /tmp: a Unix socket path must stay short, and the checkout path may be long or have spaces.
    "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 \
      || "$bin/pg_ctl" -D "$data" -l "$LOCAL_DIR/postgres.log" -w \
           -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  wait_for_postgres "$bin" -h 127.0.0.1 -p "$port"
  export CC_PG_PORT="$port"
  ensure_roles
  export CC_POSTGRES="Host=127.0.0.1;Port=$port;Username=cc_owner;Password=$CC_OWNER_DB_PASSWORD"
}

# ensure_roles: cc_owner owns the databases and their schema (not a superuser, cannot create roles or
# databases); cc_app (the run command's API) and cc_test_app (the tests' API) own nothing and are
# subject to row-level security. Passwords come from .local/secrets.env.
ensure_roles() {
  ensure_role cc_owner "$CC_OWNER_DB_PASSWORD"
  ensure_role cc_app "$CC_APP_DB_PASSWORD"
  ensure_role cc_test_app "$CC_TEST_APP_DB_PASSWORD"
  # Earlier versions of these scripts made a superuser "cc" with the password "cc": disarm it, and hand
  # what it owned to cc_owner.
  if [ "$(pg_admin -c "SELECT rolsuper FROM pg_roles WHERE rolname = 'cc'")" = t ]; then
    say "Disarming the old 'cc' superuser (its databases now belong to cc_owner)"
    local db
    for db in $(pg_admin -c "SELECT datname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE r.rolname = 'cc'"); do
      pg_admin -c "ALTER DATABASE \"$db\" OWNER TO cc_owner" >/dev/null
      pg_admin_in "$db" -c "REASSIGN OWNED BY cc TO cc_owner" >/dev/null
    done
    pg_admin -c "ALTER ROLE cc NOSUPERUSER NOLOGIN PASSWORD NULL" >/dev/null
  fi
}

# ensure_database NAME [--fresh]: a UTF-8 database owned by cc_owner whatever the cluster's default
# encoding (a cluster made where LANG is unset defaults to SQL_ASCII); --fresh drops it first.
ensure_database() {
  local name="$1"
  if [ "${2:-}" = "--fresh" ]; then
    pg_admin -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null
  fi
  if [ -z "$(pg_admin -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]; then
    pg_admin -c "CREATE DATABASE \"$name\" OWNER cc_owner TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" >/dev/null
  fi
  # PUBLIC may not create objects in it; the owner may.
  pg_admin_in "$name" -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO cc_owner" >/dev/null
}

# ensure_role NAME PASSWORD: a login role that is neither superuser nor able to create roles or databases.
ensure_role() {
  pg_admin -c "DO \$\$BEGIN CREATE ROLE \"$1\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS; EXCEPTION WHEN duplicate_object THEN NULL; END\$\$" >/dev/null
  pg_admin -c "ALTER ROLE \"$1\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '$2'" >/dev/null
}

wait_for_postgres() {
  local bin="$1"; shift
  for _ in $(seq 1 30); do "$bin/pg_isready" -q "$@" && return 0; sleep 1; done
  die "PostgreSQL is not accepting connections ($*)"
}
