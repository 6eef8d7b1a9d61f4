#!/usr/bin/env bash
# Sharded runs give the same graph as one run, byte for byte: the README's GNU parallel recipes,
# run locally (`--sshlogin :` is this machine), over the bundled corpus plus generated documents
# (and a slice of us-legislation when ../shared is present). Merge order is shuffled: merging is
# commutative.
set -euo pipefail
bin="${PG_BINARY:?PG_BINARY must name the policygraph binary}"
src="${PG_SOURCE_DIR:?PG_SOURCE_DIR must name the source tree}"
command -v parallel >/dev/null || { echo "SKIP: GNU parallel is not installed (scripts/setup installs it)"; exit 0; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

corpus="$tmp/corpus"
mkdir -p "$corpus"
cp -r "$src/corpora/." "$corpus/bundled"
python3 "$src/tests/batch_corpus.py" make "$corpus/generated" 40
legis="$src/../shared/corpora/us-legislation"
if [ -d "$legis" ]; then
  mkdir -p "$corpus/legislation"
  find "$legis/public-laws" -name '*.txt' | sort | head -4 | xargs -I{} cp {} "$corpus/legislation/"
fi
ndocs="$(find "$corpus" -name '*.txt' -o -name '*.md' | wc -l)"

# The reference: one run over everything.
"$bin" run "$corpus" -o "$tmp/single" --quiet --threads 2

same_graph() {  # same_graph DIR WHAT
  for f in graph.json graph.graphml graph.dot; do
    cmp -s "$tmp/single/$f" "$1/$f" || fail "$2: $f differs from the single run ($(diff "$tmp/single/$f" "$1/$f" | head -5))"
  done
}

# Recipe 1: files sharded by GNU parallel, one `extract --records` per shard (jobs over ssh
# logins; ':' is the local machine), then `merge` of the shard files in a shuffled order.
find "$corpus" -name '*.txt' -o -name '*.md' | sort |
  parallel --sshlogin : -j 3 -N 7 "'$bin' extract {} --records -q --threads 1 > '$tmp'/files.{#}.jsonl"
nshards="$(ls "$tmp"/files.*.jsonl | wc -l)"
[ "$nshards" -ge 5 ] || fail "expected at least 5 shards, got $nshards"
[ "$(cat "$tmp"/files.*.jsonl | wc -l)" -eq "$ndocs" ] || fail "one record per document expected"
"$bin" merge $(ls "$tmp"/files.*.jsonl | shuf) -o "$tmp/sharded-files" --quiet
same_graph "$tmp/sharded-files" "file shards"
# The same with the graph spilled to disk after every record.
"$bin" merge $(ls "$tmp"/files.*.jsonl | shuf) -o "$tmp/sharded-spilled" --graph-memory 0 2> "$tmp/spilled.err" ||
  fail "merge --graph-memory 0: $(cat "$tmp/spilled.err")"
same_graph "$tmp/sharded-spilled" "file shards, spilled"
[ -z "$(ls -A "$tmp/sharded-spilled" | grep -v '^graph\.')" ] || fail "merge --graph-memory 0 left files behind"

# Recipe 2: JSON Lines on stdin, cut into blocks by `parallel --pipe`, records on stdout, merged
# from a pipe. Without --keep-order the records arrive in any order.
python3 "$src/tests/batch_corpus.py" jsonl "$corpus" > "$tmp/docs.jsonl"
"$bin" run - -o "$tmp/single-jsonl" --quiet < "$tmp/docs.jsonl"
parallel --pipe -N 6 -j 3 --sshlogin : "'$bin' extract - --records -q --threads 1" < "$tmp/docs.jsonl" |
  "$bin" merge - -o "$tmp/sharded-pipe" --quiet
for f in graph.json graph.graphml graph.dot; do
  cmp -s "$tmp/single-jsonl/$f" "$tmp/sharded-pipe/$f" || fail "stdin shards: $f differs from run -"
done
# The same documents as files or as JSON Lines give the same graph.
same_graph "$tmp/sharded-pipe" "JSON Lines shards"

# Merging graph.json files of partial runs (a reduce step over reduced shards) is the same too.
find "$corpus" -name '*.txt' -o -name '*.md' | sort > "$tmp/all.list"
split -n l/3 "$tmp/all.list" "$tmp/part."
for p in "$tmp"/part.*; do
  "$bin" run $(cat "$p") -o "$p.out" --quiet --format json
done
"$bin" merge "$tmp"/part.*.out/graph.json -o "$tmp/merged-runs" --quiet
same_graph "$tmp/merged-runs" "merged partial runs"

# With --keep-order, the shards' mentions concatenate to the single run's mentions.jsonl.
find "$corpus" -name '*.txt' -o -name '*.md' | sort |
  parallel -k -j 3 -N 9 "'$bin' extract {} --records -q --threads 1" |
  "$bin" merge - -o "$tmp/ordered" --format mentions,json --quiet
cmp -s "$tmp/single/mentions.jsonl" "$tmp/ordered/mentions.jsonl" || fail "ordered shards: mentions.jsonl differs"

docs_attr="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["graph"]["documents"])' "$tmp/single/graph.json")"
[ "$docs_attr" -eq "$ndocs" ] || fail "graph attribute documents=$docs_attr, expected $ndocs"
echo "PASS: $ndocs documents, $nshards shards: sharded and single runs give byte-identical graph files"
