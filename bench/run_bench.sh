#!/usr/bin/env bash
# End-to-end benchmark of `policygraph run` (every stage, the graph and all four writers):
# MB/s, documents/s, mentions/s, CPU time and peak RSS (GNU time) for 1 thread and for every core,
# over two corpora: us-legislation (../shared/corpora/us-legislation, 15.5 MB) and policy (the
# policy genre: every .txt of ../shared/eval/policy-dev/docs and corpora/nist, really copied into
# copy001/ ... directories until they reach 5 MB; each copy is a document of its own). Then, per
# corpus, the CPU time of each stage, from one more 1-thread run with --stage-times. With --big,
# also us-legislation (or the --corpus DIR) linked 64 times, about 1 GB, as distinct documents:
# memory is the documents in flight, the automata and at most --graph-memory of graph (the rest of
# the graph goes to sorted runs on disk).
#
# Usage: bench/run_bench.sh [--corpora "us-legislation policy"] [--corpus DIR] [--policy-mb N]
#                           [--repeat N] [--threads "1 2"] [--big]
#   --corpora LIST  which built-in corpora to run (default: both); one whose source is missing is
#                   skipped with a message on stderr
#   --corpus DIR    a single corpus of your own instead of the built-in ones (must exist)
#   --policy-mb N   size the policy corpus reaches, in MB of 10^6 bytes (default 5)
#   --repeat N      runs per row; the fastest is kept (default 3)
#   --threads LIST  thread counts, one row each (default: "1 $(nproc)")
#   PG_BINARY   the binary (default: build/policygraph)
#   BENCH_TMP   scratch directory; the copied corpora are built there once (default: /tmp/policygraph-bench)
# Prints a markdown table (one row per corpus and thread count), then the stage breakdowns.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${PG_BINARY:-$here/build/policygraph}"
tmp="${BENCH_TMP:-/tmp/policygraph-bench}"
repeat=3
big=0
threads="1 $(nproc)"
corpora="us-legislation policy"
custom=""
policy_mb=5

die() { echo "run_bench: $*" >&2; exit 2; }
need_value() { [ $# -ge 2 ] || die "$1 needs a value (-h for the usage)"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --big) big=1 ;;
    --repeat) need_value "$@"; repeat="$2"; shift ;;
    --threads) need_value "$@"; threads="$2"; shift ;;
    --corpus) need_value "$@"; custom="$2"; shift ;;
    --corpora) need_value "$@"; corpora="$2"; shift ;;
    --policy-mb) need_value "$@"; policy_mb="$2"; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0 ;;
    *) die "unknown argument $1 (-h for the usage)" ;;
  esac
  shift
done
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || die "--repeat wants a positive whole number, not '$repeat'"
[ -n "${threads// /}" ] || die "--threads wants one or more thread counts"
for t in $threads; do
  [[ "$t" =~ ^[1-9][0-9]*$ ]] || die "--threads wants positive whole numbers, not '$t'"
done
if ! [[ "$policy_mb" =~ ^([0-9]+\.?[0-9]*|\.[0-9]+)$ ]] || ! awk -v m="$policy_mb" 'BEGIN { exit !(m > 0) }'; then
  die "--policy-mb wants a positive number of MB, not '$policy_mb'"
fi
for c in $corpora; do
  case "$c" in us-legislation|policy) ;; *) die "--corpora: unknown corpus '$c' (us-legislation, policy)" ;; esac
done
[ -x "$bin" ] || die "no binary at $bin (scripts/build first, or set PG_BINARY)"
[ -x /usr/bin/time ] || die "needs GNU time (/usr/bin/time; Debian package 'time')"
mkdir -p "$tmp"

# first_dir DIR...: the first of the directories that exists (empty if none).
first_dir() { local d; for d in "$@"; do [ -d "$d" ] && { echo "$d"; return; }; done; return 0; }

bytes_of() { find -L "$1" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
docs_of() { find -L "$1" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l; }

# A document's id is its file name without the extension, and an id is used once per run: so
# every copy below gets a suffix (name-c001.txt), and each copy is a document of its own.

# The policy genre, copied (real files, not links) into copy001/ ... until the copies reach
# policy_mb MB; built once in the scratch directory and reused while its sources are the same.
make_policy() {
  local docs="$1" sources target one copies dir sig
  sources="$( (find "$docs" -maxdepth 1 -type f -name '*.txt'; find "$here/corpora/nist" -maxdepth 1 -type f -name '*.txt') | sort)"
  [ -n "$sources" ] || { echo "run_bench: no .txt in $docs" >&2; return 1; }
  one="$(while IFS= read -r f; do stat -c %s "$f"; done <<< "$sources" | awk '{s+=$1} END {print s}')"
  target="$(awk -v m="$policy_mb" 'BEGIN { printf "%d", m * 1e6 }')"
  copies="$(awk -v t="$target" -v o="$one" 'BEGIN { c = int(t / o); if (c * o < t) c++; if (c < 1) c = 1; print c }')"
  dir="$tmp/corpus-policy-x$copies"
  sig="$(while IFS= read -r f; do stat -c '%s %Y %n' "$f"; done <<< "$sources")"
  if [ ! -f "$dir/.complete" ] || [ "$(cat "$dir/.complete")" != "$sig" ]; then
    rm -rf "$dir"
    local i f base
    for i in $(seq -f '%03g' 1 "$copies"); do
      mkdir -p "$dir/copy$i"
      while IFS= read -r f; do
        base="$(basename "$f" .txt)"
        cp "$f" "$dir/copy$i/$base-c$i.txt"
      done <<< "$sources"
    done
    printf '%s\n' "$sig" > "$dir/.complete"
  fi
  echo "$dir"
}

# A corpus repeated to ~1 GB: 64 directories of symbolic links to the same files (a suffix on each
# name, so that each link is a document of its own). The graph's entities are those of one copy;
# its evidence (one item per mention and relation of every document) grows 64-fold.
make_big() {
  local src="$1" dir copies=64 files sig
  dir="$tmp/corpus-$(basename "$src")-x$copies"
  sig="$(cd "$src" && pwd)"
  if [ ! -f "$dir/.complete" ] || [ "$(cat "$dir/.complete")" != "$sig" ]; then
    rm -rf "$dir"
    files="$(cd "$src" && find . -type f \( -name '*.txt' -o -name '*.md' \) | sed 's|^\./||' | sort)"
    local i f ext
    for i in $(seq -w 1 "$copies"); do
      while IFS= read -r f; do
        ext="${f##*.}"
        mkdir -p "$dir/copy$i/$(dirname "$f")"
        ln -s "$sig/$f" "$dir/copy$i/${f%.*}-c$i.$ext"
      done <<< "$files"
    done
    printf '%s\n' "$sig" > "$dir/.complete"
  fi
  echo "$dir"
}

# One measured run: prints "seconds user+sys maxrss_kb mentions". Exits 1 if the binary fails.
measure() {
  local dir="$1" t="$2" log="$tmp/run.log" tlog="$tmp/time.log" out="$tmp/out"
  /usr/bin/time -v -o "$tlog" "$bin" run "$dir" -o "$out" --threads "$t" --quiet < /dev/null 2> "$log" || {
    echo "run_bench: policygraph failed on $dir with $t threads ($(head -1 "$tlog")):" >&2
    cat "$log" >&2; exit 1; }
  local mentions
  mentions="$(wc -l < "$out/mentions.jsonl")"
  awk -F': ' -v m="$mentions" '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%.3f %.3f %d %d\n", wall, cpu, rss, m }' "$tlog"
}

# bench NAME DIR [REPEAT]: one table row per thread count.
bench() {
  local name="$1" dir="$2" n="${3:-$repeat}" bytes docs t
  bytes="$(bytes_of "$dir")"
  docs="$(docs_of "$dir")"
  for t in $threads; do
    local best="" best_cpu="" rss=0 mentions=0 res wall cpu r m
    for _ in $(seq "$n"); do
      res="$(measure "$dir" "$t")"
      read -r wall cpu r m <<< "$res"
      if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$wall"; best_cpu="$cpu"; fi
      [ "$r" -gt "$rss" ] && rss="$r"
      mentions="$m"
    done
    awk -v n="$name" -v t="$t" -v b="$bytes" -v d="$docs" -v w="$best" -v c="$best_cpu" -v r="$rss" -v m="$mentions" 'BEGIN {
      if (w <= 0) w = 0.001; if (c <= 0) c = 0.001
      printf "| %-20s | %6d | %7.2f MB | %2d | %7.2f s | %7.2f s | %6.2f | %7.0f | %10.0f | %8.2f | %6.0f MB |\n",
             n, d, b / 1e6, t, w, c, b / 1e6 / w, d / w, m / w, b / 1e6 / c, r / 1024 }'
  done
}

# stages NAME DIR: the CPU time of each stage, from one 1-thread run with --stage-times.
stages() {
  local name="$1" dir="$2" log="$tmp/stages.log"
  "$bin" run "$dir" -o "$tmp/out-stages" --threads 1 --quiet --stage-times < /dev/null 2> "$log" || {
    echo "run_bench: policygraph --stage-times failed on $dir:" >&2; cat "$log" >&2; exit 1; }
  grep -q '^stage CPU times' "$log" || {
    echo "run_bench: no 'stage CPU times' in the output of --stage-times on $dir:" >&2; cat "$log" >&2; exit 1; }
  echo
  echo "Stage CPU times, $name, 1 thread:"
  echo
  echo '```'
  awk '/^stage CPU times/ { on = 1; print; next } on && /^  / { print } on && !/^  / { on = 0 }' "$log"
  echo '```'
}

# The corpora to run, as "name<TAB>dir" lines.
runs=""
if [ -n "$custom" ]; then
  [ -d "$custom" ] || die "no corpus at $custom"
  runs="$(basename "$(cd "$custom" && pwd)")	$(cd "$custom" && pwd)"
else
  for c in $corpora; do
    case "$c" in
      us-legislation)
        d="$(first_dir "$here/../shared/corpora/us-legislation" /work/shared/corpora/us-legislation)"
        if [ -z "$d" ]; then
          echo "run_bench: skipping us-legislation: no ../shared/corpora/us-legislation" >&2
        else
          runs+="us-legislation	$d"$'\n'
        fi ;;
      policy)
        d="$(first_dir "$here/../shared/eval/policy-dev/docs" /work/shared/eval/policy-dev/docs)"
        if [ -z "$d" ]; then
          echo "run_bench: skipping policy: no ../shared/eval/policy-dev/docs" >&2
        else
          d="$(make_policy "$d")" || die "cannot build the policy corpus"
          runs+="policy	$d"$'\n'
        fi ;;
    esac
  done
fi
runs="$(printf '%s' "$runs" | sed '/^$/d')"
[ -n "$runs" ] || die "no corpus to run (every source is missing)"

echo "$("$bin" --version 2>/dev/null | head -1), $(nproc) cores, best of $repeat"
echo
echo "| corpus               |   docs |       size |  T |      wall |  CPU time |   MB/s |  docs/s | mentions/s | MB/CPU-s |  peak RSS |"
echo "|----------------------|--------|------------|----|-----------|-----------|--------|---------|------------|----------|-----------|"
while IFS=$'\t' read -r name dir; do
  bench "$name" "$dir"
  if [ "$big" = 1 ] && [ "$name" != policy ]; then
    bench "$name-x64" "$(make_big "$dir")" 1
  fi
done <<< "$runs"
while IFS=$'\t' read -r name dir; do
  stages "$name" "$dir"
done <<< "$runs"
