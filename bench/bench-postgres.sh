# Sourced by bench/run-*.sh: starts a throwaway PostgreSQL (as test.sh does) on the first free port from $1, stops and
# removes it when the calling script exits, and exports K2_BENCH_POSTGRES for the benchmark.
bench_postgres() {
  local pg=eng/postgres/k2-postgres.sh port=$1 attempt
  "$pg" ensure-installed
  bench_postgres_root=$(mktemp -d "${TMPDIR:-/tmp}/k2-bench-postgres.XXXXXX")
  trap 'eng/postgres/k2-postgres.sh stop "$bench_postgres_root/data" || true; rm -rf "$bench_postgres_root"' EXIT
  # A port nobody listens on can still be taken: the previous benchmark's client sockets use ports in this range as
  # their ephemeral ends (seen: bind refused right after an ingest run). So a refused start moves to the next port.
  for attempt in 1 2 3 4 5; do
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    if "$pg" start "$bench_postgres_root/data" "$port" >/dev/null; then break; fi
    [ "$attempt" -lt 5 ] || return 1
    port=$((port + 1))
  done
  # K2_BENCH_POSTGRES_OPTIONS adds Npgsql connection-string options for an A/B, e.g. "Max Auto Prepare=0".
  export K2_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres${K2_BENCH_POSTGRES_OPTIONS:+;$K2_BENCH_POSTGRES_OPTIONS}"
}
