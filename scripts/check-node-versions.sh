#!/usr/bin/env bash
# Runs `npm install` and the whole `npm test` under each Node major given (default: 22 24 26, the
# lines Tandem supports), one after the other, and prints each one's summary. About 15 minutes per
# version on two cores. Usage: npm run check:node [-- 22 26]
set -uo pipefail
cd "$(dirname "$0")/.."
versions=("$@")
[ $# -eq 0 ] && versions=(22 24 26)
failed=0
summary=()
for major in "${versions[@]}"; do
  (
    source scripts/use-node.sh "$major" || exit 1
    echo "=== Node $(node --version) ==="
    npm install --no-audit --no-fund || exit 1
    rm -f .jest-results.json
    started=$(date +%s)
    npm test
    status=$?
    node scripts/test-summary.mjs > ".tools/node-$major.summary"
    echo "$(( $(date +%s) - started )) s" >> ".tools/node-$major.summary"
    exit $status
  )
  status=$?
  [ $status -eq 0 ] || failed=1
  summary+=("Node $major: $(tr '\n' ' ' < ".tools/node-$major.summary" 2>/dev/null)(npm test exit $status)")
done
printf '%s\n' "${summary[@]}"
exit $failed
