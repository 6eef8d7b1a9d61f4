#!/usr/bin/env bash
# Golden test: `policygraph run` over the bundled corpus must reproduce tests/golden/ byte for
# byte (mentions.jsonl, graph.json). After an intended change, refresh with scripts/update-golden
# and review the diff like code.
set -uo pipefail
PG="${PG_BINARY:?}"
SRC="${PG_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PG" run "$SRC/corpora" -o "$tmp" --quiet --format mentions,json || { echo "0 passed, 1 failed"; exit 1; }
passed=0 failed=0
for f in mentions.jsonl graph.json; do
  if diff -u "$SRC/tests/golden/$f" "$tmp/$f" > "$tmp/$f.diff"; then
    passed=$((passed + 1))
  else
    echo "FAIL: $f differs from tests/golden/$f (scripts/update-golden refreshes it):"
    head -40 "$tmp/$f.diff"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
