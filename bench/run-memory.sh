#!/usr/bin/env bash
# Silo memory benchmark (docs/benchmarks.md): starts a throwaway PostgreSQL like test.sh, runs bench/K2.MemoryBench in
# Release (which starts the silo as a process of its own), writes bench/results/memory-<time>.{json,md}. Arguments go to
# the benchmark:
#   bench/run-memory.sh --quick                  # 30 s of flow over 2,000 symbols, 2,000 idle grains (~2 min)
#   bench/run-memory.sh --symbols 2000 --rate 5000 --seconds 120 --idle-grains 10000
#   bench/run-memory.sh --idle-only --gcdump bench/results/gcdump   # heap by type (needs dotnet-gcdump)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly pg=eng/postgres/k2-postgres.sh
"$pg" ensure-installed
port=55700
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
root=$(mktemp -d "${TMPDIR:-/tmp}/k2-memory-postgres.XXXXXX")
trap '"$pg" stop "$root/data" || true; rm -rf "$root"' EXIT
"$pg" start "$root/data" "$port" >/dev/null
export K2_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
dotnet run -c Release --project bench/K2.MemoryBench -- "$@"
