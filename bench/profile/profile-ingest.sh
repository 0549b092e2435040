#!/usr/bin/env bash
# Profiles the end-to-end ingest benchmark (docs/benchmarks.md, "Where the time goes"): runs bench/run-ingest.sh with
# the given arguments and, once the silo starts ingesting, attaches dotnet-trace's sampled-thread-time profile for
# TRACE_DURATION (default 30 s), then prints CPU shares per pipeline stage (speedscope-shares.py).
#   bench/profile/profile-ingest.sh OUT_DIR --trades 400000
# Needs dotnet-trace: dotnet tool install -g dotnet-trace --version 10.0.750501
set -uo pipefail
out=${1:?usage: profile-ingest.sh OUT_DIR [bench arguments]}; shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
trace_tool=$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")
mkdir -p "$out"
"$here/../run-ingest.sh" "$@" >"$out/bench.log" 2>&1 &
runner=$!
until grep -q "silo started" "$out/bench.log" 2>/dev/null; do
  kill -0 "$runner" 2>/dev/null || { cat "$out/bench.log"; exit 1; }
  sleep 0.2
done
pid=$(ps -eo pid,args | awk '/bin\/Release\/.*K2\.IngestBench( |$)/ && !/awk/ {print $1}' | head -1)
"$trace_tool" collect -p "$pid" --profile dotnet-sampled-thread-time --duration "${TRACE_DURATION:-00:00:30}" \
  --format Speedscope -o "$out/trace.nettrace" >"$out/trace.log" 2>&1
wait "$runner"
status=$?
grep -v '^k2-postgres\|^waiting\|^server' "$out/bench.log" | tail -20
python3 "$here/speedscope-shares.py" "$out/trace.speedscope.json" 25
exit $status
