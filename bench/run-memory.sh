#!/usr/bin/env bash
# Silo memory benchmark (docs/benchmarks.md): starts a throwaway PostgreSQL like test.sh, runs bench/K2.MemoryBench in
# Release (which starts the silo as a process of its own), writes bench/results/memory-<time>.{json,md}. Arguments go to
# the benchmark:
#   bench/run-memory.sh --quick                  # 30 s of flow over 2,000 symbols, 2,000 idle grains (~2 min)
#   bench/run-memory.sh --symbols 2000 --rate 5000 --seconds 120 --idle-grains 10000
#   bench/run-memory.sh --idle-only --gcdump bench/results/gcdump   # heap by type (needs dotnet-gcdump)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source bench/bench-postgres.sh
bench_postgres 55700
dotnet run -c Release --project bench/K2.MemoryBench -- "$@"
