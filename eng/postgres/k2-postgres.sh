#!/usr/bin/env bash
# One way to get a local PostgreSQL for K2: the test command, the tests and the Aspire AppHost all call this script,
# so a developer machine, CI and a fresh clone behave the same. The contract (subcommands, arguments, the connection
# string printed by `start`) is relied on by other code: change it only together with its callers.
#
# Usage:
#   k2-postgres.sh ensure-installed
#   k2-postgres.sh init  <datadir> <port>
#   k2-postgres.sh run   <datadir> <port>
#   k2-postgres.sh start <datadir> <port>
#   k2-postgres.sh stop  <datadir>
#
# Only `start` writes to stdout (the connection string, one line), so callers can capture it; everything else goes to
# stderr. Environment: K2_PG_BIN (server binaries, default /usr/lib/postgresql/15/bin), K2_PG_START_TIMEOUT and
# K2_PG_STOP_TIMEOUT (seconds, default 30).
set -euo pipefail

readonly PG_BIN="${K2_PG_BIN:-/usr/lib/postgresql/15/bin}"
readonly START_TIMEOUT="${K2_PG_START_TIMEOUT:-30}"
readonly STOP_TIMEOUT="${K2_PG_STOP_TIMEOUT:-30}"
readonly DATABASE=k2
readonly SUPERUSER=postgres
readonly OS_OWNER=postgres

log() { printf 'k2-postgres: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

usage() {
  cat >&2 <<'EOF'
usage: k2-postgres.sh ensure-installed
       k2-postgres.sh init  <datadir> <port>   create the cluster and database k2 if missing (idempotent)
       k2-postgres.sh run   <datadir> <port>   init, then run postgres in the foreground (SIGINT: fast stop)
       k2-postgres.sh start <datadir> <port>   init, start in the background, print the connection string
       k2-postgres.sh stop  <datadir>          fast shutdown, wait until stopped
EOF
  exit 2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# initdb and postgres refuse to run as root, so as root every server command runs as the postgres OS user; from
# `/`, because that user may not be allowed to read the caller's working directory.
as_owner() {
  if is_root; then
    (cd / && runuser -u "$OS_OWNER" -- "$@")
  else
    "$@"
  fi
}

require_port() {
  if ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ] || [ "$1" -gt 65535 ]; then
    die "invalid port '$1'"
  fi
}

absolute_path() { realpath -m -- "$1"; }

ensure_installed() {
  if [ -x "$PG_BIN/postgres" ]; then
    return 0
  fi
  if ! is_root; then
    log "PostgreSQL 15 is not installed ($PG_BIN/postgres is missing). Install it with:"
    log "  sudo apt-get update && sudo apt-get install -y postgresql"
    exit 1
  fi
  log "installing PostgreSQL (apt-get install postgresql)"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
  [ -x "$PG_BIN/postgres" ] || die "apt-get installed postgresql, but $PG_BIN/postgres is still missing (another major version?); set K2_PG_BIN"
}

# The postgres OS user must be able to reach the data directory; temp directories are often 0700 and owned by the
# caller, so add the search bit (not read) to every ancestor that lacks it.
make_ancestors_traversable() {
  local dir
  dir=$(dirname -- "$1")
  while [ "$dir" != "/" ]; do
    if ! runuser -u "$OS_OWNER" -- test -x "$dir"; then
      chmod o+x -- "$dir"
    fi
    dir=$(dirname -- "$dir")
  done
}

prepare_datadir() {
  local datadir=$1
  mkdir -p -- "$datadir"
  if is_root; then
    id -u "$OS_OWNER" >/dev/null 2>&1 || die "OS user '$OS_OWNER' does not exist (it comes with the postgresql package)"
    make_ancestors_traversable "$datadir"
    if [ ! -f "$datadir/PG_VERSION" ]; then
      chown -R "$OS_OWNER:$OS_OWNER" -- "$datadir"
    fi
  fi
  chmod 0700 -- "$datadir"
}

write_access_rules() {
  local datadir=$1
  # Trust is only acceptable because the server listens on loopback and a socket inside its own data directory.
  as_owner tee "$datadir/pg_hba.conf" >/dev/null <<'EOF'
# Written by eng/postgres/k2-postgres.sh: a throwaway local server; nothing but this machine may connect.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
host    all       all   ::1/128        trust
EOF
}

write_settings() {
  local datadir=$1 port=$2
  # Rewritten at every init so a different port takes effect; postgresql.conf itself stays as initdb wrote it.
  as_owner tee "$datadir/k2.conf" >/dev/null <<EOF
# Written by eng/postgres/k2-postgres.sh at every init; edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$datadir/socket'
# Two silos, the API and parallel test fixtures each keep a connection pool.
max_connections = 200
# Small-machine memory: the defaults are tuned for shared servers, this one shares 2 cores with the tests.
shared_buffers = 128MB
work_mem = 8MB
maintenance_work_mem = 64MB
max_wal_size = 512MB
# Durability stays on: tests that restart a cluster must see what a real deployment would.
fsync = on
synchronous_commit = on
full_page_writes = on
# Orleans writes UTC timestamps; a fixed zone keeps casts independent of the machine.
timezone = 'UTC'
log_timezone = 'UTC'
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  if ! grep -q "^include_if_exists = 'k2.conf'" "$datadir/postgresql.conf"; then
    printf "\ninclude_if_exists = 'k2.conf'\n" | as_owner tee -a "$datadir/postgresql.conf" >/dev/null
  fi
  as_owner mkdir -p "$datadir/socket"
}

server_running() {
  as_owner "$PG_BIN/pg_ctl" status -D "$1" >/dev/null 2>&1
}

psql_socket() {
  local datadir=$1 port=$2
  shift 2
  as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$datadir/socket" -p "$port" -U "$SUPERUSER" -d postgres "$@"
}

# Creating a database needs a running server. A temporary one listens on its socket only, so nothing connects to a
# half-initialised cluster over TCP. The marker file spares every later start that extra start/stop.
ensure_database() {
  local datadir=$1 port=$2 temporary=false marker="$1/k2-database-created"
  [ -f "$marker" ] && return 0
  if ! server_running "$datadir"; then
    as_owner "$PG_BIN/pg_ctl" start -D "$datadir" -w -t "$START_TIMEOUT" -l "$datadir/server.log" \
      -o "-c listen_addresses=''" >&2
    temporary=true
  fi
  if [ -z "$(psql_socket "$datadir" "$port" -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" ]; then
    log "creating database $DATABASE"
    psql_socket "$datadir" "$port" -c "CREATE DATABASE $DATABASE"
  fi
  if [ "$temporary" = true ]; then
    as_owner "$PG_BIN/pg_ctl" stop -D "$datadir" -m fast -w -t "$STOP_TIMEOUT" >&2
  fi
  as_owner touch "$marker"
}

init_cluster() {
  local datadir port
  datadir=$(absolute_path "$1")
  port=$2
  require_port "$port"
  ensure_installed
  prepare_datadir "$datadir"
  if [ ! -f "$datadir/PG_VERSION" ]; then
    [ -z "$(ls -A -- "$datadir")" ] || die "$datadir is not empty and holds no PostgreSQL cluster; refusing to touch it"
    log "initdb $datadir"
    as_owner "$PG_BIN/initdb" -D "$datadir" -U "$SUPERUSER" --encoding=UTF8 --no-locale \
      --auth-local=trust --auth-host=trust --no-instructions >&2
  fi
  write_access_rules "$datadir"
  write_settings "$datadir" "$port"
  ensure_database "$datadir" "$port"
}

run_foreground() {
  local datadir
  datadir=$(absolute_path "$1")
  init_cluster "$datadir" "$2"
  log "running postgres on 127.0.0.1:$2 (foreground)"
  cd /
  # exec, with no process left in between, so the supervisor's signal reaches the postmaster itself:
  # SIGINT is a fast shutdown, SIGTERM a smart one (waits for clients to disconnect).
  # runuser would stay as a parent and turn any signal into SIGTERM followed by SIGKILL after 2 s; setpriv execs.
  if is_root; then
    exec setpriv --reuid="$OS_OWNER" --regid="$OS_OWNER" --init-groups -- "$PG_BIN/postgres" -D "$datadir"
  fi
  exec "$PG_BIN/postgres" -D "$datadir"
}

wait_until_ready() {
  local port=$1 deadline=$((SECONDS + START_TIMEOUT))
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d "$DATABASE"; do
    [ "$SECONDS" -lt "$deadline" ] || die "postgres on 127.0.0.1:$port did not accept connections within ${START_TIMEOUT}s"
    sleep 0.2
  done
}

start_background() {
  local datadir port
  datadir=$(absolute_path "$1")
  port=$2
  init_cluster "$datadir" "$port"
  if server_running "$datadir"; then
    log "already running ($datadir)"
  else
    log "starting postgres on 127.0.0.1:$port (log: $datadir/server.log)"
    as_owner "$PG_BIN/pg_ctl" start -D "$datadir" -w -t "$START_TIMEOUT" -l "$datadir/server.log" >&2 ||
      die "postgres did not start; see $datadir/server.log"
  fi
  wait_until_ready "$port"
  printf 'Host=127.0.0.1;Port=%s;Username=%s;Database=%s\n' "$port" "$SUPERUSER" "$DATABASE"
}

stop_server() {
  local datadir
  datadir=$(absolute_path "$1")
  [ -f "$datadir/PG_VERSION" ] || { log "no cluster in $datadir; nothing to stop"; return 0; }
  if ! server_running "$datadir"; then
    log "not running ($datadir)"
    return 0
  fi
  as_owner "$PG_BIN/pg_ctl" stop -D "$datadir" -m fast -w -t "$STOP_TIMEOUT" >&2
}

main() {
  [ $# -ge 1 ] || usage
  local command=$1
  shift
  case "$command" in
    ensure-installed) [ $# -eq 0 ] || usage; ensure_installed ;;
    init) [ $# -eq 2 ] || usage; init_cluster "$1" "$2" ;;
    run) [ $# -eq 2 ] || usage; require_port "$2"; run_foreground "$1" "$2" ;;
    start) [ $# -eq 2 ] || usage; require_port "$2"; start_background "$1" "$2" ;;
    stop) [ $# -eq 1 ] || usage; stop_server "$1" ;;
    -h | --help | help) usage ;;
    *) log "unknown command '$command'"; usage ;;
  esac
}

main "$@"
