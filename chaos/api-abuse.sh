#!/usr/bin/env bash
# API abuse load run (issue 7): the real K2.Api in Production mode (API keys required) on a throwaway PostgreSQL,
# a seeded lakehouse and one silo consuming the local Kafka broker, hit with valid queries mixed with SQL injection in
# every parameter, huge and negative limits, malformed cursors and timestamps, oversized bodies, slow queries, missing
# and wrong API keys and a burst past the rate limit, while a live feed (K2's publisher at a steady rate, plus probe
# trades) is ingested. Prints requests and status codes per class, the API's memory, and per window (before, during,
# after the attack) the ingest rate, freshness and memory; then counts every live trade in the Iceberg table. Exits
# non-zero on any 500, any status that is wrong for its class, or any live trade lost or duplicated.
#
#   chaos/api-abuse.sh [--concurrency 16] [--requests-per-class 400] [--burst 2000] [--seeded-trades 300000] [--port 5390]
#                      [--ingest-rate 1000] [--ingest-symbols 8] [--baseline-seconds 25] [--after-seconds 25]
#
# Needs PostgreSQL binaries (Debian `postgresql`, as ./test.sh installs); the silo and the API run on loopback only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$root/K2.Api/K2.Api.csproj" -c Release -v quiet -nologo >/dev/null
dotnet build "$root/chaos/K2.ApiAbuse/K2.ApiAbuse.csproj" -c Release -v quiet -nologo >/dev/null
exec dotnet "$root/chaos/K2.ApiAbuse/bin/Release/net10.0/K2.ApiAbuse.dll" \
  --api-dll "$root/K2.Api/bin/Release/net10.0/K2.Api.dll" "$@"
