#!/usr/bin/env bash
# The whole benchmark suite in one command (docs/benchmarks.md). Runs every bench/run-<name>.sh (each starts what it
# needs: a throwaway PostgreSQL, the in-process Kafka-protocol broker) and the BenchmarkDotNet micro-benchmarks, then
# aggregates this run's result files into bench/results/suite-<time>.{json,md}.
#   bench/run.sh --quick     # smoke sizes, a few minutes
#   bench/run.sh             # the documented sizes (20M-trade query table, millions of ingested trades)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mode=full
if [[ "${1:-}" == "--quick" ]]; then mode=quick; shift; fi

results=bench/results
mkdir -p "$results"
stamp=$(date -u +%Y%m%d-%H%M%S)
marker=$(mktemp "${TMPDIR:-/tmp}/k2-bench-suite.XXXXXX")
trap 'rm -f "$marker"' EXIT
failed=()

echo "== K2 benchmark suite ($mode), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

for script in bench/run-*.sh; do
  name=$(basename "$script" .sh)
  echo "== $name"
  args=()
  [[ "$mode" == quick ]] && args+=(--quick)
  if ! "$script" "${args[@]}"; then failed+=("$name"); fi
done

echo "== micro-benchmarks (BenchmarkDotNet)"
micro_args=(--filter '*' --exporters json github --artifacts "$results/micro-$stamp")
[[ "$mode" == quick ]] && micro_args+=(--job short)
if ! dotnet run -c Release --project bench/K2.Benchmarks -- "${micro_args[@]}"; then failed+=(micro); fi

summary_md="$results/suite-$stamp.md"
summary_json="$results/suite-$stamp.json"
{
  echo "# K2 benchmark suite, $mode mode, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /'), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  for md in $(find "$results" -maxdepth 1 -name '*.md' -newer "$marker" ! -name 'suite-*' | sort); do
    echo "## $(basename "$md" .md)"
    echo
    cat "$md"
    echo
  done
  for md in $(find "$results/micro-$stamp/results" -name '*-report-github.md' 2>/dev/null | sort); do
    echo "## $(basename "$md" -report-github.md)"
    echo
    cat "$md"
    echo
  done
  if ((${#failed[@]})); then echo "**Failed: ${failed[*]}**"; fi
} >"$summary_md"

python3 - "$summary_json" "$marker" "$results" "$stamp" "${failed[@]}" <<'PY'
import json, os, sys
out, marker, results, stamp, *failed = sys.argv[1:]
since = os.path.getmtime(marker)
suite = {"stamp": stamp, "cores": os.cpu_count(), "failed": failed, "results": {}}
for name in sorted(os.listdir(results)):
    path = os.path.join(results, name)
    if name.endswith(".json") and not name.startswith("suite-") and os.path.getmtime(path) > since:
        with open(path) as f:
            suite["results"][name[:-5]] = json.load(f)
micro = os.path.join(results, f"micro-{stamp}", "results")
if os.path.isdir(micro):
    for name in sorted(os.listdir(micro)):
        if name.endswith("-report-full-compressed.json") or name.endswith("-report.json"):
            with open(os.path.join(micro, name)) as f:
                report = json.load(f)
            suite["results"]["micro/" + name.split("-report")[0]] = [
                {"benchmark": b.get("FullName"), "mean_ns": (b.get("Statistics") or {}).get("Mean"),
                 "allocated_bytes": (b.get("Memory") or {}).get("BytesAllocatedPerOperation")}
                for b in report.get("Benchmarks", [])]
with open(out, "w") as f:
    json.dump(suite, f, indent=2)
PY

echo "== suite results: $summary_md, $summary_json"
((${#failed[@]} == 0)) || { echo "failed: ${failed[*]}" >&2; exit 1; }
