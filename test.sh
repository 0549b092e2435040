#!/usr/bin/env bash
# The test command (README, .ci/run): checks the deployment files (promtool, bicep), then runs every test project
# against a throwaway PostgreSQL and Azurite that live only as long as this script. Extra arguments go to
# `dotnet test`, e.g. ./test.sh --filter FullyQualifiedName~Persistence
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK is not installed (no 'dotnet' on PATH); install the SDK version in global.json." >&2
  exit 1
fi

# Static checks of deployment files first: quick, and a broken rule or template fails the run like a failing test.
eng/prometheus/check-rules.sh
eng/azure/check-bicep.sh

readonly pg=eng/postgres/k2-postgres.sh
"$pg" ensure-installed
readonly azurite=eng/azurite/k2-azurite.sh
"$azurite" ensure-installed

# Default ports may belong to servers the developer runs; take the first free one of a range.
free_port() {
  local first=$1 last=$2 port
  for port in $(seq "$first" "$last"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "test.sh: no free port in $first-$last" >&2
  return 1
}

wait_for_port() {
  local port=$1 what=$2 attempt
  for attempt in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "test.sh: $what did not open port $port" >&2
  return 1
}

server_root=$(mktemp -d "${TMPDIR:-/tmp}/k2-test-postgres.XXXXXX")
# shellcheck disable=SC2317 # called by the EXIT trap
azurite_pid=
cleanup() {
  if [ -n "$azurite_pid" ]; then
    kill "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
  "$pg" stop "$server_root/data" || true
  rm -rf "$server_root"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=$(free_port 55432 55531)
"$pg" start "$server_root/data" "$port" >/dev/null
export K2_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"

# Azurite's blob service for the warehouse-on-Azure tests; its data lives and dies with this run.
azurite_port=$(free_port 55600 55699)
"$azurite" run "$server_root/azurite" "$azurite_port" &
azurite_pid=$!
wait_for_port "$azurite_port" Azurite
export K2_TEST_AZURITE_BLOB="http://127.0.0.1:$azurite_port/devstoreaccount1"

log="$server_root/dotnet-test.log"
status=0
# --blame-crash: a test host that dies (a native fault, an unhandled exception on a thread) leaves a dump and the list
# of tests it was running under tests/*/TestResults, instead of only "Test Run Aborted".
dotnet test K2.Orleans.sln --blame-crash "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole suite, summed over the per-project "Passed!/Failed!" lines; a project whose test host
# crashed still prints "Passed!" for the tests that finished, so aborted runs are counted and named too.
awk -F'[:,]' '/(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i < NF; i++) {
      if ($i ~ /Failed$/) failed += $(i + 1)
      if ($i ~ /Passed$/) passed += $(i + 1)
      if ($i ~ /Skipped$/) skipped += $(i + 1)
    }
  }
  /^Test Run Aborted/ { aborted++ }
  END {
    printf "Tests: %d passed, %d failed, %d skipped", passed, failed, skipped
    if (aborted) printf "; %d test run(s) aborted (a test host crashed: see the log and TestResults)", aborted
    printf "\n"
  }' "$log"
exit "$status"
