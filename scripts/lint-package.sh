#!/usr/bin/env bash
# lintian on the package: any error fails; warnings are listed and each must be explained in
# docs/packaging.md ("lintian"), or this fails too.
set -euo pipefail
cd "$(dirname "$0")/.."
deb="$(ls target/abiguard_*_all.deb | head -1)"
out="$(lintian --tag-display-limit 0 "$deb" 2>&1 || true)"
printf '%s\n' "$out" | sed 's/^/lintian: /' >&2
if printf '%s\n' "$out" | grep -q '^E: '; then
  echo "lint-package: lintian reports errors" >&2; exit 1
fi
status=0
for tag in $(printf '%s\n' "$out" | awk '/^W: /{print $3}' | sort -u); do
  grep -q "\`$tag\`" docs/packaging.md || { echo "lint-package: warning $tag is not explained in docs/packaging.md" >&2; status=1; }
done
exit $status
