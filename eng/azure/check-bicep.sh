#!/usr/bin/env bash
# Compiles the Azure templates (deploy/azure) with the Bicep CLI and fails on any error or linter warning. Called by
# test.sh. The CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64, restored by
# eng/azure/bicep-cli/bicep-cli.csproj into the NuGet cache; no Azure CLI, no account, no network beyond NuGet.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
readonly tools_project=eng/azure/bicep-cli/bicep-cli.csproj
readonly out_dir=$(mktemp -d "${TMPDIR:-/tmp}/k2-bicep.XXXXXX")
trap 'rm -rf "$out_dir"' EXIT

log() { echo "check-bicep: $*" >&2; }

dotnet restore "$tools_project" --verbosity quiet >&2
version=$(dotnet msbuild "$tools_project" -getProperty:BicepCliVersion)
packages=$(dotnet nuget locals global-packages --list | sed -e 's/^global-packages: *//')
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -x "$bicep" ] || chmod +x "$bicep"

# Bicep prints diagnostics (errors and linter warnings) on stderr; any line is a failure.
check() {
  local diagnostics
  diagnostics=$("$@" 2>&1 >/dev/null) || { echo "$diagnostics" >&2; return 1; }
  if [ -n "$diagnostics" ]; then
    echo "$diagnostics" >&2
    return 1
  fi
}

check "$bicep" build deploy/azure/main.bicep --outdir "$out_dir"
# The example parameters file reads its secrets from the environment; placeholders are enough to compile it.
K2_POSTGRES_PASSWORD=placeholder K2_KAFKA_BOOTSTRAP_SERVERS=placeholder:9092 \
  check "$bicep" build-params deploy/azure/main.example.bicepparam --outfile "$out_dir/main.parameters.json"
log "deploy/azure compiles cleanly with Bicep $version"
