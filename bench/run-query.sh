#!/usr/bin/env bash
# Query latency benchmark (docs/benchmarks.md): starts a throwaway PostgreSQL like test.sh, builds K2.Silo, K2.Api and
# bench/K2.QueryBench in Release, then the benchmark generates (or reuses from bench/.cache/query) the trades table,
# starts the silo and the API as separate processes and measures the API and direct DuckDB under a closed-loop load.
# Writes bench/results/query-<time>.{json,md}. Arguments go to the benchmark:
#   bench/run-query.sh --quick                  # 2,000,000 trades, 6 s per query and target, a smoke run
#   bench/run-query.sh                          # 20,000,000 trades over 200 symbols and 3 days, 30 s per query
#   bench/run-query.sh --trades 50000000 --concurrency 8 --duration 60
#   bench/run-query.sh --row-group-rows 8192     # the table written with another row-group size (cached under its own key)
#   bench/run-query.sh --duckdb-connections 2    # the API's DuckDB connections (K2:Query:MaxConnections; default max(4, concurrency))
#   bench/run-query.sh --duckdb-file-cache       # DuckDB's external file cache on, for the API and direct DuckDB (K2:Query:FileDataCache)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly pg=eng/postgres/k2-postgres.sh
"$pg" ensure-installed
port=55700
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
root=$(mktemp -d "${TMPDIR:-/tmp}/k2-querybench-postgres.XXXXXX")
trap '"$pg" stop "$root/data" || true; rm -rf "$root"' EXIT
"$pg" start "$root/data" "$port" >/dev/null
export K2_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
# Building the bench builds the silo and the API (project references), whose Release dlls it starts.
dotnet build -c Release bench/K2.QueryBench -v quiet -nologo
dotnet run -c Release --no-build --project bench/K2.QueryBench -- "$@"
