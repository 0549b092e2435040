#!/usr/bin/env bash
# Validates K2's Prometheus files with promtool: the alert rules (`check rules`), their unit tests (`test rules`) and the
# sample scrape configuration (`check config`). Called by test.sh.
#
# promtool comes from Debian's `prometheus` package. Installing that package would pull ~37 packages and set up a
# Prometheus service; only the promtool binary is needed, so the .deb is downloaded (`apt-get download`) and unpacked
# into .tools/prometheus. A promtool already on PATH is used as is.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
readonly rules_dir=deploy/prometheus
readonly tools_dir=.tools/prometheus
readonly unpacked="$tools_dir/usr/bin/promtool"

log() { echo "check-rules: $*" >&2; }
is_root() { [ "$(id -u)" -eq 0 ]; }

download_deb() {
  mkdir -p "$tools_dir/deb"
  rm -f "$tools_dir"/deb/prometheus_*.deb
  # apt-get download works as any user once the package lists exist; as root on a fresh machine they may not yet.
  (cd "$tools_dir/deb" && apt-get download prometheus >/dev/null 2>&1) && return 0
  if is_root; then
    log "apt-get download prometheus failed; refreshing the package lists (apt-get update) and retrying"
    apt-get update >/dev/null
    (cd "$tools_dir/deb" && apt-get download prometheus >/dev/null)
    return
  fi
  return 1
}

find_promtool() {
  if command -v promtool >/dev/null 2>&1; then
    command -v promtool
    return 0
  fi
  if [ ! -x "$unpacked" ]; then
    if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
      return 1
    fi
    log "fetching promtool from Debian's prometheus package into $tools_dir"
    download_deb || return 1
    dpkg-deb -x "$tools_dir"/deb/prometheus_*.deb "$tools_dir"
  fi
  echo "$unpacked"
}

if ! promtool=$(find_promtool); then
  log "SKIPPED: promtool is not installed and cannot be fetched with apt here (no apt-get/dpkg-deb, or not root and"
  log "  no package lists). Install it with: sudo apt-get update && sudo apt-get install -y prometheus"
  exit 0
fi

"$promtool" check rules "$rules_dir/k2-alerts.yml"
"$promtool" test rules "$rules_dir/k2-alerts.test.yml"
"$promtool" check config "$rules_dir/prometheus.yml"
