#!/usr/bin/env bash
# Renders an HTML report in headless Chromium (Debian's chromium package) to a PNG, as a person
# would see it. Usage: scripts/screenshot-report.sh REPORT.html OUT.png [WIDTH] [HEIGHT]
# Exits 3 (and says so) when Chromium is not installed: CI may skip the browser step.
set -euo pipefail
report="$(readlink -f "$1")"
out="$(readlink -f "$2")"
width="${3:-1100}"
height="${4:-1800}"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "screenshot-report: chromium not installed (apt-get install chromium); skipped" >&2
  exit 3
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size="$width,$height" \
  --screenshot="$out" "file://$report" >/dev/null 2>&1
test -s "$out"
echo "screenshot-report: $out" >&2
