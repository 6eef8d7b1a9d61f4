#!/usr/bin/env bash
# Streaming mode, the contract of RDD.pipe() and Hadoop Streaming: `extract -` reads JSON Lines on
# stdin and writes nothing but JSON lines on stdout (mentions, or one record per document with
# --records), in input order; failures go to stderr and the exit code. Also `run -` and the guards.
set -euo pipefail
bin="${PG_BINARY:?PG_BINARY must name the policygraph binary}"
src="${PG_SOURCE_DIR:?PG_SOURCE_DIR must name the source tree}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
is_jsonl() { python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$1"; }

python3 "$src/tests/batch_corpus.py" make "$tmp/corpus" 12
python3 "$src/tests/batch_corpus.py" jsonl "$tmp/corpus" > "$tmp/docs.jsonl"
n="$(wc -l < "$tmp/docs.jsonl")"

# Mentions by default (DESIGN.md §7): the same lines `run -` writes to mentions.jsonl.
"$bin" extract - < "$tmp/docs.jsonl" > "$tmp/mentions.out" 2> "$tmp/err1"
"$bin" run - -o "$tmp/run" --quiet < "$tmp/docs.jsonl"
cmp -s "$tmp/mentions.out" "$tmp/run/mentions.jsonl" || fail "extract - and run - disagree on mentions"
[ -s "$tmp/mentions.out" ] || fail "no mentions"
is_jsonl "$tmp/mentions.out" || fail "stdout is not JSON Lines"
grep -q "^policygraph: $n documents" "$tmp/err1" || fail "summary missing on stderr: $(cat "$tmp/err1")"

# --records: one line per document, in input order, each with mentions and a fragment.
{ head -3 "$tmp/docs.jsonl"; echo 'this is not json'; echo '{"id": "nothing"}';
  tail -n +4 "$tmp/docs.jsonl"; } > "$tmp/mixed.jsonl"
set +e
"$bin" extract - --records --threads 2 < "$tmp/mixed.jsonl" > "$tmp/records.out" 2> "$tmp/err2"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "bad records should give exit code 1, got $rc"
[ "$(wc -l < "$tmp/records.out")" -eq "$n" ] || fail "expected $n records: $(wc -l < "$tmp/records.out")"
is_jsonl "$tmp/records.out" || fail "records are not JSON Lines"
python3 - "$tmp/records.out" "$tmp/docs.jsonl" <<'PY' || fail "records do not follow the input"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
docs = [json.loads(l) for l in open(sys.argv[2])]
assert [r["doc"] for r in recs] == [d["id"] for d in docs], "order"
for r in recs:
    assert set(r) >= {"doc", "mentions", "relations", "fragment"}, r.keys()
    assert any(n["id"] == "DOCUMENT:" + r["doc"] for n in r["fragment"]["nodes"])
PY
grep -q "<stdin>:4: not a JSON object" "$tmp/err2" || fail "bad line not reported: $(cat "$tmp/err2")"
grep -q "<stdin>:5: record needs a string 'text'" "$tmp/err2" || fail "bad record not reported: $(cat "$tmp/err2")"
grep -q "2 failed" "$tmp/err2" || fail "summary should count 2 failures: $(cat "$tmp/err2")"

# --quiet: stderr stays empty even with failures; stdout unchanged.
"$bin" extract - --records -q --threads 2 < "$tmp/mixed.jsonl" > "$tmp/records.q" 2> "$tmp/err3" || true
[ ! -s "$tmp/err3" ] || fail "--quiet printed: $(cat "$tmp/err3")"
cmp -s "$tmp/records.out" "$tmp/records.q" || fail "records depend on --quiet"

# Guards: an oversized document is reported and skipped; the rest goes on.
python3 -c 'import json; print(json.dumps({"id": "huge", "text": "MIIT plans. " * 5000}))' > "$tmp/huge.jsonl"
cat "$tmp/huge.jsonl" "$tmp/docs.jsonl" > "$tmp/with-huge.jsonl"
set +e
"$bin" extract - --records --max-bytes 20000 < "$tmp/with-huge.jsonl" > "$tmp/guard.out" 2> "$tmp/err4"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "oversized document should give exit code 1, got $rc"
grep -q "over the limit of 20000 (--max-bytes)" "$tmp/err4" || fail "size guard not reported: $(cat "$tmp/err4")"
[ "$(wc -l < "$tmp/guard.out")" -eq "$n" ] || fail "the other documents must still be processed"

# A per-document time limit: a 6 MB document cannot finish in 1 ms; it is reported, not waited for.
python3 -c '
import json
s = "In 2015, the Ministry of Industry of China planned to invest 10 billion yuan in 2025. " * 70000
print(json.dumps({"id": "slow", "text": s}))' > "$tmp/slow.jsonl"
set +e
"$bin" extract - --timeout-ms 1 < "$tmp/slow.jsonl" > "$tmp/slow.out" 2> "$tmp/err5"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "timed-out document should give exit code 1, got $rc"
grep -q "time limit reached.*(over --timeout-ms 1)" "$tmp/err5" || fail "time limit not reported: $(cat "$tmp/err5")"
[ ! -s "$tmp/slow.out" ] || fail "a timed-out document must produce no output"

# Usage errors exit 2 and print nothing on stdout.
set +e
"$bin" extract - --threads -3 < /dev/null > "$tmp/usage.out" 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "bad option should exit 2, got $rc"
[ ! -s "$tmp/usage.out" ] || fail "usage error wrote to stdout"
echo "PASS: streaming extract and run - behave as documented"
