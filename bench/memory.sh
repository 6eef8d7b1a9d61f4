#!/usr/bin/env bash
# Memory per document (issue 16): `policygraph extract` over one large document at a time, with
# its MB/s, peak RSS (GNU time) and the ratio of peak RSS to the document's size. The documents are
# made here: the policy-dev texts repeated to about 16 MB (policy genre: many mentions and
# relations), the us-legislation corpus cut to 15.5 MB, and "$5 " repeated to 1 MB (333k MONEY
# mentions, the extreme). A corpus that is absent (no ../shared beside the repository) is skipped
# with a message. The process alone, rules loaded, takes about 40 MiB: the ratio counts it too.
#
# Usage: bench/memory.sh [--max-ratio R]
#   --max-ratio R  exit 1 when a 15-16 MB document's ratio is over R (the issue's target: 20)
#   PG_BINARY      the binary (default: build/policygraph)
#   BENCH_TMP      scratch directory (default: /tmp/policygraph-memory)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${PG_BINARY:-$here/build/policygraph}"
shared="$here/../shared"
tmp="${BENCH_TMP:-/tmp/policygraph-memory}"
max_ratio=""
while [ $# -gt 0 ]; do
  case "$1" in
    --max-ratio) max_ratio="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "memory: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$bin" ] || { echo "memory: no binary at $bin (scripts/build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "memory: needs GNU time (/usr/bin/time; Debian package 'time')" >&2; exit 2; }
mkdir -p "$tmp"

make_policy() {  # whole copies of the policy-dev texts, to about 16.6 MB
  local docs="$shared/eval/policy-dev/docs" one="$tmp/policy-one.txt"
  cat "$docs"/*.txt > "$one"
  local copies=$(( 16600000 / $(stat -c %s "$one") + 1 ))
  for _ in $(seq "$copies"); do cat "$one"; done > "$1"
}
make_legislation() { find "$shared/corpora/us-legislation" -name '*.txt' | sort | xargs cat | head -c 16000000 > "$1"; }
make_money() { python3 -c 'import sys; sys.stdout.write("$5 " * (1000000 // 3))' > "$1"; }

over=0
# measure NAME FILE: one extract run, one table row.
measure() {
  local name="$1" file="$2" log="$tmp/time.log"
  /usr/bin/time -f "%e %M" -o "$log" "$bin" extract "$file" --timeout-ms 0 --max-bytes 100000000 -q > "$tmp/out.jsonl" || {
    echo "memory: policygraph failed on $name" >&2; exit 1; }
  read -r secs rss_kb < "$log"
  local bytes
  bytes=$(stat -c %s "$file")
  awk -v n="$name" -v b="$bytes" -v s="$secs" -v r="$rss_kb" 'BEGIN {
    printf "| %-16s | %6.1f MB | %6.2f s | %6.2f | %6.0f MiB | %6.1f |\n", n, b / 1e6, s, b / 1e6 / s, r / 1024, r * 1024 / b }'
  if [ -n "$max_ratio" ] && [ "$bytes" -gt 10000000 ] &&
     awk -v r="$rss_kb" -v b="$bytes" -v m="$max_ratio" 'BEGIN { exit !(r * 1024 / b > m) }'; then
    echo "memory: $name over the ratio $max_ratio" >&2
    over=1
  fi
}

echo "$("$bin" --version 2>/dev/null | head -1), one document at a time (extract --timeout-ms 0)"
echo "| document         |    size   |   wall   |  MB/s  |  peak RSS  | RSS/size |"
echo "|------------------|-----------|----------|--------|------------|----------|"
if [ -d "$shared/eval/policy-dev/docs" ]; then
  make_policy "$tmp/policy.txt"
  measure policy-genre "$tmp/policy.txt"
else
  echo "memory: no $shared/eval/policy-dev/docs, the policy-genre document skipped" >&2
fi
if [ -d "$shared/corpora/us-legislation" ]; then
  make_legislation "$tmp/us-legislation.txt"
  measure us-legislation "$tmp/us-legislation.txt"
else
  echo "memory: no $shared/corpora/us-legislation, the legislation document skipped" >&2
fi
make_money "$tmp/money.txt"
measure '"$5 " x 333k' "$tmp/money.txt"
exit "$over"
