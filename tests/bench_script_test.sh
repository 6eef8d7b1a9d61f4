#!/usr/bin/env bash
# bench/run_bench.sh, quickly: on the bundled corpus and on a tiny policy corpus (0.05 MB, two
# copies), the table has a row per corpus and thread count with a positive mentions/s, and the
# stage breakdown names each corpus and lists `relations` and `(outside the stages)`; bad options
# and a failing binary are refused with a message. Skips what needs GNU time or ../shared.
set -uo pipefail
PG="${PG_BINARY:?}"
SRC="${PG_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export BENCH_TMP="$tmp/scratch"
passed=0 failed=0
check() {  # check NAME COMMAND...: the command must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name" >&2; failed=$((failed + 1)); fi
}
bench() { PG_BINARY="$PG" bash "$SRC/bench/run_bench.sh" "$@"; }

# rows FILE NAME: the table rows of corpus NAME.
rows() { grep -E "^\| $2 +\|" "$1"; }
# column FILE NAME N: field N (1 = corpus) of the first row of NAME, without its unit.
column() { rows "$1" "$2" | head -1 | awk -F'|' -v n="$(($3 + 1))" '{ gsub(/[^0-9.]/, "", $n); print $n }'; }
positive() { awk -v x="$1" 'BEGIN { exit !(x + 0 > 0) }'; }
# shape FILE NAME ROWS: ROWS table rows for NAME, MB/s, a positive mentions/s, and its stages.
shape() {
  local f=$1 name=$2 n=$3
  check "$name: header has mentions/s" grep -q '^| corpus .*| *MB/s *| *docs/s *| *mentions/s *|.*peak RSS' "$f"
  check "$name: $n row(s)" test "$(rows "$f" "$name" | wc -l)" -eq "$n"
  check "$name: every row has 11 cells" test "$(rows "$f" "$name" | awk -F'|' 'NF != 13' | wc -l)" -eq 0
  # MB/s of a 4 KB corpus rounds to 0.00 on a loaded machine: only its form is checked.
  check "$name: MB/s is a number" grep -qE '^[0-9]+\.[0-9]{2}$' <<< "$(column "$f" "$name" 7)"
  check "$name: mentions/s is positive" positive "$(column "$f" "$name" 9)"
  check "$name: stage heading" grep -q "^Stage CPU times, $name, 1 thread:" "$f"
  # The stage lines under this corpus's heading (up to the end of its code block).
  awk -v h="Stage CPU times, $name, 1 thread:" '$0 == h { on = 1; next } on && /^```$/ { if (++fence == 2) exit; next } on' "$f" > "$f.stages"
  check "$name: stages list relations" grep -qE '^  relations +[0-9.]+ s +[0-9.]+ %' "$f.stages"
  check "$name: stages list the rest" grep -qE '^  \(outside the stages\) +[0-9.]+ s' "$f.stages"
}

check "usage" bash -c "PG_BINARY='$PG' bash '$SRC/bench/run_bench.sh' -h | grep -q -- '--corpora'"
bench --repeat 0 > /dev/null 2> "$tmp/err"; rc=$?
check "bad --repeat exits 2" test $rc -eq 2
check "bad --repeat named" grep -q "repeat wants a positive whole number" "$tmp/err"
bench --corpora nosuch > /dev/null 2> "$tmp/err"; rc=$?
check "unknown --corpora exits 2" test $rc -eq 2
bench --corpus "$tmp/nosuch" > /dev/null 2> "$tmp/err"; rc=$?
check "missing --corpus exits 2" test $rc -eq 2

if [ ! -x /usr/bin/time ]; then
  echo "SKIP: the runs need GNU time (/usr/bin/time)"
else
  # A binary that fails stops the script with its message.
  printf '#!/bin/sh\necho "broken on purpose" >&2\nexit 3\n' > "$tmp/broken"
  chmod +x "$tmp/broken"
  PG_BINARY="$tmp/broken" bash "$SRC/bench/run_bench.sh" --repeat 1 --threads 1 --corpus "$SRC/corpora" > /dev/null 2> "$tmp/err"; rc=$?
  check "failing binary exits 1" test $rc -eq 1
  check "failing binary named" grep -q "policygraph failed on .* (Command exited with non-zero status 3)" "$tmp/err"
  check "failing binary's message shown" grep -q "broken on purpose" "$tmp/err"

  # 1. A corpus of one's own: the bundled one, one thread.
  bench --repeat 1 --threads 1 --corpus "$SRC/corpora" > "$tmp/custom.md" 2> "$tmp/custom.err"; rc=$?
  check "--corpus exits 0" test $rc -eq 0
  [ $rc -eq 0 ] || cat "$tmp/custom.err" >&2
  shape "$tmp/custom.md" corpora 1
  check "--corpus: 1 document" test "$(column "$tmp/custom.md" corpora 2)" = 1
  check "--corpus: only that corpus" test "$(grep -c '^| [a-z]' "$tmp/custom.md")" -eq 2

  # 2. The policy genre, tiny: 0.05 MB of a 42 KB set of texts is two copies, 1 and 2 threads.
  if [ -d "$SRC/../shared/eval/policy-dev/docs" ] || [ -d /work/shared/eval/policy-dev/docs ]; then
    bench --repeat 1 --threads "1 2" --corpora policy --policy-mb 0.05 > "$tmp/policy.md" 2> "$tmp/policy.err"; rc=$?
    check "policy exits 0" test $rc -eq 0
    [ $rc -eq 0 ] || cat "$tmp/policy.err" >&2
    shape "$tmp/policy.md" policy 2
    docs=$(column "$tmp/policy.md" policy 2)
    check "policy: whole copies of the sources ($docs documents)" test $((docs % 6)) -eq 0 -a "$docs" -ge 6
    dir=$(find "$BENCH_TMP" -maxdepth 1 -name 'corpus-policy-x*' | head -1)
    check "policy: copies are real files" test -n "$dir" -a -z "$(find "$dir" -type l)"
    check "policy: copy directories" test -d "$dir/copy001"
    check "policy: marked complete" test -f "$dir/.complete"
    bytes=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    check "policy: at least 0.05 MB ($bytes bytes)" test "$bytes" -ge 50000
    # Every copy is a document of its own: one document node per file in the graph.
    check "policy: documents counted in the mentions" test "$(grep -o '"doc":"[^"]*"' "$BENCH_TMP/out/mentions.jsonl" | sort -u | wc -l)" -eq "$docs"
  else
    echo "SKIP: the policy corpus needs ../shared/eval/policy-dev/docs"
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
