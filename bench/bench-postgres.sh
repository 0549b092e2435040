# Sourced by bench/run-*.sh: starts a throwaway PostgreSQL (as test.sh does) on the first free port from $1, stops and
# removes it when the calling script exits, and exports K2_BENCH_POSTGRES for the benchmark.
bench_postgres() {
  local pg=eng/postgres/k2-postgres.sh port=$1
  "$pg" ensure-installed
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  bench_postgres_root=$(mktemp -d "${TMPDIR:-/tmp}/k2-bench-postgres.XXXXXX")
  trap 'eng/postgres/k2-postgres.sh stop "$bench_postgres_root/data" || true; rm -rf "$bench_postgres_root"' EXIT
  "$pg" start "$bench_postgres_root/data" "$port" >/dev/null
  export K2_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
}
