#!/usr/bin/env bash
# Is the work per document linear in its size? For each word of the pathological set (head words
# a rule may retry from, values, a plan's name), one document of the word repeated to 16 KB and
# one to 256 KB and one to 1 MB (one sentence, or sentences of 12 words), run by `policygraph
# extract` with no time limit: wall time of each (best of N), the ratio 1 MB / 16 KB (64x the
# bytes: at most 80 is the bar; start-up makes it far less), the ratio 1 MB / 256 KB (4x the
# bytes: about 4 when the work is linear, 16 if quadratic) and peak RSS of the 1 MB run.
#
# Usage: bench/linearity.sh [--repeat N] [--words "Center|one Act|many ..."]
#   PG_BINARY   the binary (default: build/policygraph)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${PG_BINARY:-$here/build/policygraph}"
repeat=3
words="Center|one Center|many Act|one Plan|one Agency|one Program|one Institute|one Made_in_China_2025|one Made_in_China_2025|many \$5|one \$5|many 2020|one 2020|many"
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) repeat="$2"; shift ;;
    --words) words="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "linearity: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$bin" ] || { echo "linearity: no binary at $bin (scripts/build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "linearity: needs GNU time (/usr/bin/time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# make_doc WORD BYTES MODE FILE ("_" in WORD is a space)
make_doc() { python3 "$here/tests/repeat_word.py" "${1//_/ }" "$2" "$3" "$4"; }

# best WORD-FILE: the best wall time of $repeat runs; sets $best (s) and $rss (KB)
best_of() {
  best="" rss=0
  for _ in $(seq "$repeat"); do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$bin" extract "$1" --timeout-ms 0 --threads 1 -q > /dev/null || true
    read -r t m < "$tmp/t"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
}

printf '%-22s %-5s %8s %8s %8s %7s %9s %11s  %s\n' word mode "16KB s" "256KB s" "1MB s" "1M/16K" "1M/256K" "1MB RSS MB" verdict
worst=0
for spec in $words; do
  word=${spec%|*} mode=${spec#*|}
  make_doc "$word" 16384 "$mode" "$tmp/small.txt"
  make_doc "$word" 262144 "$mode" "$tmp/mid.txt"
  make_doc "$word" 1048576 "$mode" "$tmp/large.txt"
  best_of "$tmp/small.txt"; small=$best
  best_of "$tmp/mid.txt"; mid=$best
  best_of "$tmp/large.txt"; large=$best; large_rss=$rss
  ratio=$(awk "BEGIN{printf \"%.1f\", $large / ($small > 0.01 ? $small : 0.01)}")
  ratio4=$(awk "BEGIN{printf \"%.1f\", $large / ($mid > 0.01 ? $mid : 0.01)}")
  verdict=$(awk "BEGIN{print ($ratio <= 80) ? \"ok\" : \"OVER 80\"}")
  awk "BEGIN{exit !($ratio > $worst)}" && worst=$ratio
  printf '%-22s %-5s %8.2f %8.2f %8.2f %7s %9s %11d  %s\n' "${word//_/ }" "$mode" "$small" "$mid" "$large" "$ratio" "$ratio4" \
    $((large_rss / 1024)) "$verdict"
done
echo "worst ratio: $worst (bar: 80)"
awk "BEGIN{exit !($worst <= 80)}"
