#!/usr/bin/env bash
# End-to-end ingest benchmark (docs/benchmarks.md): starts a throwaway PostgreSQL like test.sh, runs
# bench/K2.IngestBench in Release, writes bench/results/ingest-<time>.{json,md}. Arguments go to the benchmark:
#   bench/run-ingest.sh --quick                 # 200,000 trades, 20 s of freshness probes, a smoke run
#   bench/run-ingest.sh --trades 5000000 --symbols 2000
# The freshness phase starts K2.Api (built with the benchmark) as a process of its own on a loopback port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source bench/bench-postgres.sh
bench_postgres 55600
dotnet run -c Release --project bench/K2.IngestBench -- "$@"
