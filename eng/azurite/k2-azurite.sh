#!/usr/bin/env bash
# Azurite (npm package `azurite`, the official Azure Storage emulator) for the warehouse tests on Azure Blob Storage.
#
#   k2-azurite.sh ensure-installed     # npm ci into .tools/azurite from eng/azurite/package-lock.json (once per lock)
#   k2-azurite.sh run DATA_DIR PORT    # runs the blob service on 127.0.0.1:PORT in the foreground
#
# test.sh runs it in the background on a free port and passes the endpoint to the tests as K2_TEST_AZURITE_BLOB.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
readonly source_dir=eng/azurite
readonly install_dir=.tools/azurite
readonly binary="$install_dir/node_modules/.bin/azurite-blob"

log() { echo "k2-azurite: $*" >&2; }
die() { log "$*"; exit 1; }

ensure_installed() {
  command -v npm >/dev/null 2>&1 || die "npm is not installed; install Node.js 20 and npm (apt-get install -y nodejs npm)."
  if [ -x "$binary" ] && cmp -s "$source_dir/package-lock.json" "$install_dir/package-lock.json"; then
    return 0
  fi
  log "installing Azurite into $install_dir (npm ci)"
  mkdir -p "$install_dir"
  cp "$source_dir/package.json" "$source_dir/package-lock.json" "$install_dir/"
  (cd "$install_dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  [ -x "$binary" ] || die "npm ci finished but $binary is missing"
}

run() {
  local data_dir=$1 port=$2
  [ -x "$binary" ] || die "Azurite is not installed; run '$0 ensure-installed' first"
  mkdir -p "$data_dir"
  # --skipApiVersionCheck: the Azure SDK may speak a newer service version than this Azurite knows; the blob
  # operations K2 uses are the same. --loose: ignore headers Azurite does not implement instead of failing.
  # --disableTelemetry: Azurite otherwise reports usage to Application Insights, which fails noisily offline (and
  # a test run has no business phoning home).
  exec "$binary" --blobHost 127.0.0.1 --blobPort "$port" --location "$data_dir" --silent --skipApiVersionCheck --loose \
    --disableTelemetry
}

case "${1:-}" in
  ensure-installed) ensure_installed ;;
  run) [ $# -eq 3 ] || die "usage: $0 run DATA_DIR PORT"; run "$2" "$3" ;;
  *) die "usage: $0 ensure-installed | run DATA_DIR PORT" ;;
esac
