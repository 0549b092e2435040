#!/usr/bin/env bash
# End-to-end ingest benchmark (docs/benchmarks.md): starts a throwaway PostgreSQL like test.sh, runs
# bench/K2.IngestBench in Release, writes bench/results/ingest-<time>.{json,md}. Arguments go to the benchmark:
#   bench/run-ingest.sh --quick                 # 200,000 trades, 20 s of freshness probes, a smoke run
#   bench/run-ingest.sh --trades 5000000 --symbols 2000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly pg=eng/postgres/k2-postgres.sh
"$pg" ensure-installed
port=55600
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
root=$(mktemp -d "${TMPDIR:-/tmp}/k2-bench-postgres.XXXXXX")
trap '"$pg" stop "$root/data" || true; rm -rf "$root"' EXIT
"$pg" start "$root/data" "$port" >/dev/null
export K2_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
dotnet run -c Release --project bench/K2.IngestBench -- "$@"
