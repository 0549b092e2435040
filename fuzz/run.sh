#!/usr/bin/env bash
# Coverage-guided fuzzing of one K2 parser with AFL++ and SharpFuzz, for a bounded time.
#
#   fuzz/run.sh <target> [seconds]     targets: binance asx-trades asx-quotes avro cursor query trade-query
#   fuzz/run.sh all [seconds]          each target in turn, [seconds] each
#
# Publishes fuzz/K2.Fuzz, writes a seed corpus in the real formats (ASX sample rows, Binance frames, Avro messages
# of those records), instruments the K2 assemblies with the sharpfuzz tool, runs afl-fuzz for [seconds] (default
# 120) and prints execs, time and crashes. Crashing inputs are copied to tests/K2.PropertyTests/Regressions/<target>/,
# where FuzzRegressionTests replays them on every test run: fix the parser, keep the file.
# Work files live in .fuzz/ (ignored by git). Installs afl++ (apt) and SharpFuzz.CommandLine (.tools/) when missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
targets=(binance asx-trades asx-quotes avro cursor query trade-query)
target="${1:-}"
seconds="${2:-120}"
sharpfuzz_version="2.3.0"

if [[ -z "$target" || ! " ${targets[*]} all " =~ " $target " ]]; then
  echo "usage: fuzz/run.sh <${targets[*]// /|}|all> [seconds]" >&2
  exit 2
fi

if ! command -v afl-fuzz >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y afl++ >/dev/null || { apt-get update >/dev/null && apt-get install -y afl++ >/dev/null; }
  else
    echo "afl-fuzz is missing: sudo apt-get install afl++" >&2
    exit 1
  fi
fi

sharpfuzz="$root/.tools/sharpfuzz/sharpfuzz"
if [[ ! -x "$sharpfuzz" ]]; then
  dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$root/.tools/sharpfuzz" >/dev/null
fi

work="$root/.fuzz"
bin="$work/bin"
rm -rf "$bin"
dotnet publish "$root/fuzz/K2.Fuzz/K2.Fuzz.csproj" -c Release -o "$bin" -v quiet -nologo >/dev/null

run_one() {
  local name="$1" dir="$work/$1"
  echo "fuzzing $name for ${seconds}s"
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    AFL_FORKSRV_INIT_TMOUT=120000 AFL_NO_AFFINITY=1 \
    afl-fuzz -i "$dir/seeds" -o "$dir/findings" -V "$seconds" -t 10000 -m none -- dotnet "$bin/K2.Fuzz.dll" "$name" \
    >"$dir/afl.log" 2>&1 || { echo "afl-fuzz failed; see $dir/afl.log" >&2; tail -20 "$dir/afl.log" >&2; return 1; }

  local stats="$dir/findings/default/fuzzer_stats"
  local execs time paths crashes hangs
  execs=$(awk -F' *: *' '$1=="execs_done"{print $2}' "$stats")
  time=$(awk -F' *: *' '$1=="run_time"{print $2}' "$stats")
  paths=$(awk -F' *: *' '$1=="corpus_count"{print $2}' "$stats")
  crashes=$(awk -F' *: *' '$1=="saved_crashes"{print $2}' "$stats")
  hangs=$(awk -F' *: *' '$1=="saved_hangs"{print $2}' "$stats")
  echo "result $name: execs=$execs time=${time}s corpus=$paths crashes=$crashes hangs=$hangs"

  local kept="$root/tests/K2.PropertyTests/Regressions/$name"
  for crash in "$dir"/findings/default/crashes/id:*; do
    [[ -e "$crash" ]] || continue
    mkdir -p "$kept"
    cp "$crash" "$kept/fuzz-$(sha1sum "$crash" | cut -c1-12)"
    echo "  crash kept: $kept/fuzz-$(sha1sum "$crash" | cut -c1-12)"
  done
}

if [[ $(cat /proc/sys/kernel/core_pattern 2>/dev/null) == \|* ]]; then
  echo "note: core_pattern pipes to a handler; AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES is set" >&2
fi

selected=("$target")
[[ "$target" == all ]] && selected=("${targets[@]}")

# Seeds are written before instrumenting: instrumented code expects AFL's shared memory.
for name in "${selected[@]}"; do
  rm -rf "${work:?}/$name" && mkdir -p "$work/$name"
  dotnet "$bin/K2.Fuzz.dll" seed "$name" "$work/$name/seeds" "$root"
done

instrumented=(K2.Contracts.dll K2.Ingestion.dll K2.Api.dll)
for dll in "${instrumented[@]}"; do
  "$sharpfuzz" "$bin/$dll" >/dev/null
done

for name in "${selected[@]}"; do run_one "$name"; done
