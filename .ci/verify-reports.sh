#!/usr/bin/env bash
# Regenerates the scenario reports into a temporary directory and compares them with the committed
# reports/. `stampede-sim report` is deterministic, so any difference means reports/ is stale.
# Also fails (like `npm run reports`) when an expectation fails. Needs a build (dist/).
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

status=0
node bin/stampede-sim.js report scenarios/ --out-dir "$tmp/reports" --check || status=$?
# 1 = an expectation failed: the reports were still written, so compare them anyway.
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  echo "reports: stampede-sim report failed (exit $status); nothing to compare" >&2
  exit "$status"
fi

if ! diff -r -u reports "$tmp/reports" >"$tmp/diff" 2>&1; then
  head -n 200 "$tmp/diff" >&2
  lines="$(wc -l <"$tmp/diff")"
  if [ "$lines" -gt 200 ]; then echo "... ($lines lines of diff in all)" >&2; fi
  if grep -q '^Only in reports' "$tmp/diff"; then
    echo "(files only in reports/ are no longer generated: delete them)" >&2
  fi
  echo "reports/ is out of date: run npm run reports and commit the diff" >&2
  exit 1
fi

if [ "$status" -eq 1 ]; then
  echo "reports: up to date, but an expectation failed (see above)" >&2
  exit 1
fi
echo "reports: up to date"
