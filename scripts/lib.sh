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

# ensure_postgres: starts a local PostgreSQL (if none is configured) and exports CC_POSTGRES,
# a server connection string without a database name.
ensure_postgres() {
  if [ -n "${CC_POSTGRES:-}" ] && [ -n "${CC_PG_PORT:-}" ]; then return 0; fi
  ensure_packages postgresql
  local version bin
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  bin="/usr/lib/postgresql/$version/bin"
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root: use Debian's cluster, which runs as the postgres user.
    pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main"' | grep -q . || pg_createcluster "$version" main >/dev/null
    pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null \
      || die "PostgreSQL $version did not start; see /var/log/postgresql/postgresql-$version-main.log"
    local port
    port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"
    wait_for_postgres "$bin" -h 127.0.0.1 -p "$port"
    runuser -u postgres -- psql -p "$port" -qtAc \
      "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='cc') THEN CREATE ROLE cc LOGIN SUPERUSER PASSWORD 'cc'; END IF; END\$\$;" >/dev/null
    export CC_POSTGRES="Host=127.0.0.1;Port=$port;Username=cc;Password=cc" CC_PG_PORT="$port"
  else
    # A developer's own user: a private cluster under .local/, on its own port.
    local data="$LOCAL_DIR/pgdata" port=55432
    [ -d "$data" ] || "$bin/initdb" -D "$data" -U cc --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # Sockets go to /tmp: a Unix socket path must stay short, and the checkout path may be long or have spaces.
    "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 \
      || "$bin/pg_ctl" -D "$data" -l "$LOCAL_DIR/postgres.log" -w \
           -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
    wait_for_postgres "$bin" -h 127.0.0.1 -p "$port"
    export CC_POSTGRES="Host=127.0.0.1;Port=$port;Username=cc;Password=cc" CC_PG_PORT="$port"
  fi
}

# psql as the cc superuser over loopback (works for both the Debian cluster and the private one).
cc_psql() { PGPASSWORD=cc psql -h 127.0.0.1 -p "$CC_PG_PORT" -U cc -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

# ensure_database NAME [--fresh]: a UTF-8 database whatever the cluster's default encoding
# (a cluster made where LANG is unset defaults to SQL_ASCII); --fresh drops it first.
ensure_database() {
  local name="$1"
  if [ "${2:-}" = "--fresh" ]; then
    cc_psql -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null
  fi
  if [ -z "$(cc_psql -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]; then
    cc_psql -c "CREATE DATABASE \"$name\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" >/dev/null
  fi
}

# ensure_role NAME PASSWORD: a login role that is neither superuser nor owner of anything.
ensure_role() {
  cc_psql -c "DO \$\$BEGIN CREATE ROLE \"$1\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; EXCEPTION WHEN duplicate_object THEN NULL; END\$\$" >/dev/null
  cc_psql -c "ALTER ROLE \"$1\" PASSWORD '$2'" >/dev/null
}

wait_for_postgres() {
  local bin="$1"; shift
  for _ in $(seq 1 30); do "$bin/pg_isready" -q "$@" && return 0; sleep 1; done
  die "PostgreSQL is not accepting connections ($*)"
}
