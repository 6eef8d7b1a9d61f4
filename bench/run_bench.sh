#!/usr/bin/env bash
# End-to-end benchmark of `policygraph run` (every stage, the graph and all four writers):
# MB/s, documents/s, CPU time and peak RSS (GNU time) for 1 thread and for every core, over the
# us-legislation corpus (15.5 MB) and, with --big, over that corpus repeated to about 1 GB (to
# show that memory stays flat: it is bounded by the documents in flight and the graph).
#
# Usage: bench/run_bench.sh [--big] [--repeat N] [--threads "1 2"] [--corpus DIR]
#   PG_BINARY   the binary (default: build/policygraph)
#   BENCH_TMP   scratch directory (default: /tmp/policygraph-bench)
# Prints one table row per run; the best (fastest) of N repeats is kept.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${PG_BINARY:-$here/build/policygraph}"
corpus="$here/../shared/corpora/us-legislation"
[ -d "$corpus" ] || corpus=/work/shared/corpora/us-legislation
tmp="${BENCH_TMP:-/tmp/policygraph-bench}"
repeat=3
big=0
threads="1 $(nproc)"
while [ $# -gt 0 ]; do
  case "$1" in
    --big) big=1 ;;
    --repeat) repeat="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --corpus) corpus="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "run_bench: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$bin" ] || { echo "run_bench: no binary at $bin (scripts/build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run_bench: needs GNU time (/usr/bin/time; Debian package 'time')" >&2; exit 2; }
[ -d "$corpus" ] || { echo "run_bench: no corpus at $corpus" >&2; exit 2; }
mkdir -p "$tmp"

# The corpus repeated to ~1 GB: 64 directories of symbolic links to the same files. The copies
# keep their document ids, so the graph stays the size of one copy and the figure isolates the
# streaming pipeline's own memory.
make_big() {
  local dir="$tmp/corpus-1g" copies=64
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    local files
    files="$(cd "$corpus" && find . -type f \( -name '*.txt' -o -name '*.md' \) | sort)"
    for i in $(seq -w 1 "$copies"); do
      while IFS= read -r f; do
        mkdir -p "$dir/copy$i/$(dirname "$f")"
        ln -s "$corpus/$f" "$dir/copy$i/$f"
      done <<< "$files"
    done
    touch "$dir/.complete"
  fi
  echo "$dir"
}

bytes_of() { find -L "$1" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' | awk '{s+=$1} END {print s}'; }
docs_of() { find -L "$1" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l; }

# One measured run: prints "seconds user+sys maxrss_kb".
measure() {
  local dir="$1" t="$2" log="$tmp/time.log"
  /usr/bin/time -v "$bin" run "$dir" -o "$tmp/out" --threads "$t" --quiet 2> "$log" || {
    echo "run_bench: policygraph failed:" >&2; cat "$log" >&2; exit 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%.3f %.3f %d\n", wall, cpu, rss }' "$log"
}

bench() {
  local name="$1" dir="$2" bytes docs
  bytes="$(bytes_of "$dir")"
  docs="$(docs_of "$dir")"
  for t in $threads; do
    local best="" best_cpu="" rss=0
    for _ in $(seq "$repeat"); do
      read -r wall cpu r < <(measure "$dir" "$t")
      if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$wall"; best_cpu="$cpu"; fi
      [ "$r" -gt "$rss" ] && rss="$r"
    done
    awk -v n="$name" -v t="$t" -v b="$bytes" -v d="$docs" -v w="$best" -v c="$best_cpu" -v r="$rss" 'BEGIN {
      printf "| %-16s | %7d | %5.0f MB | %2d | %7.2f s | %7.2f s | %7.1f | %8.0f | %9.1f | %6.0f MB |\n",
             n, d, b / 1e6, t, w, c, b / 1e6 / w, d / w, b / 1e6 / c, r / 1024 }'
  done
}

echo "$("$bin" --version 2>/dev/null | head -1), $(nproc) cores, best of $repeat"
echo "| corpus           |    docs |   size   |  T |    wall   |  CPU time |   MB/s  |  docs/s  | MB/CPU-s  | peak RSS  |"
echo "|------------------|---------|----------|----|-----------|-----------|---------|----------|-----------|-----------|"
bench "$(basename "$corpus")" "$corpus"
if [ "$big" = 1 ]; then
  saved="$repeat"
  repeat=1
  bench "$(basename "$corpus")-x64" "$(make_big)"
  repeat="$saved"
fi
