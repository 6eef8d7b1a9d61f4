#!/usr/bin/env bash
# Incremental runs: `run --cache DIR` over a corpus, then over the corpus plus one document,
# processes exactly that one document, and its outputs equal a full run's byte for byte.
set -euo pipefail
bin="${PG_BINARY:?PG_BINARY must name the policygraph binary}"
src="${PG_SOURCE_DIR:?PG_SOURCE_DIR must name the source tree}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

corpus="$tmp/corpus"
cp -r "$src/corpora/." "$corpus"
python3 "$src/tests/batch_corpus.py" make "$corpus/generated" 25
n="$(find "$corpus" -name '*.txt' -o -name '*.md' | wc -l)"

summary() { grep '^policygraph: ' "$1"; }

"$bin" run "$corpus" -o "$tmp/first" --cache "$tmp/cache" 2> "$tmp/first.log"
summary "$tmp/first.log" | grep -q " $n documents " || fail "first run: $(cat "$tmp/first.log")"
summary "$tmp/first.log" | grep -q "from the cache" && fail "first run used the cache: $(cat "$tmp/first.log")"

"$bin" run "$corpus" -o "$tmp/second" --cache "$tmp/cache" 2> "$tmp/second.log"
summary "$tmp/second.log" | grep -q "$n from the cache, 0 processed" || fail "second run: $(cat "$tmp/second.log")"
for f in mentions.jsonl graph.json graph.graphml graph.dot; do
  cmp -s "$tmp/first/$f" "$tmp/second/$f" || fail "cached rerun: $f differs"
done

# One new document, and one whose sidecar (metadata) changed: exactly those two are processed.
cat > "$corpus/new-report.txt" <<'DOC'
In 2024, the European Commission and Germany agreed to invest 12 billion euros in semiconductor plants.
DOC
echo '{"date": "2011-03-04", "title": "Changed"}' > "$corpus/generated/gen-001.meta.json"
"$bin" run "$corpus" -o "$tmp/third" --cache "$tmp/cache" 2> "$tmp/third.log"
summary "$tmp/third.log" | grep -q "$((n - 1)) from the cache, 2 processed" || fail "after adding one: $(cat "$tmp/third.log")"
"$bin" run "$corpus" -o "$tmp/full" --quiet
for f in mentions.jsonl graph.json graph.graphml graph.dot; do
  cmp -s "$tmp/third/$f" "$tmp/full/$f" || fail "incremental run: $f differs from a full run"
done

# Another rule set is another cache: a user rule directory makes every document a miss.
mkdir -p "$tmp/rules"
cat > "$tmp/rules/extra.yaml" <<'YAML'
stage: widgets
type: WIDGET
rules:
  - id: widgets.widget
    pattern: '\bwidgets?\b'
    examples:
      - text: "two widgets"
        expect: [{text: "widgets"}]
YAML
"$bin" run "$corpus" -o "$tmp/rules-out" --cache "$tmp/cache" --rules "$tmp/rules" 2> "$tmp/rules.log" ||
  fail "run with --rules failed: $(cat "$tmp/rules.log")"
summary "$tmp/rules.log" | grep -q "from the cache" && fail "another rule set reused the cache: $(cat "$tmp/rules.log")"
echo "PASS: cache rerun processed exactly the new and changed documents and matches a full run"
