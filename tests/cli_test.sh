#!/usr/bin/env bash
# End to end through the CLI: outputs, determinism across thread counts, bad input reporting,
# broken rule files, rule tools, and `eval` agreeing with ../shared/tools/score.py.
set -uo pipefail
PG="${PG_BINARY:?}"
SRC="${PG_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() {  # check NAME COMMAND...: the command must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name" >&2; failed=$((failed + 1)); fi
}

# 1. The main job on the bundled corpus writes every output.
"$PG" run -o "$tmp/a" --quiet; rc=$?
check "run exits 0" test $rc -eq 0
for f in mentions.jsonl graph.json graph.graphml graph.dot; do check "run writes $f" test -s "$tmp/a/$f"; done

# 2. Same input, same bytes: twice, and with 1 vs 2 threads.
"$PG" run "$SRC/corpora" -o "$tmp/t1" --threads 1 --quiet
"$PG" run "$SRC/corpora" -o "$tmp/t2" --threads 2 --quiet
for f in mentions.jsonl graph.json graph.graphml graph.dot; do
  check "deterministic $f (twice)" cmp -s "$tmp/a/$f" "$tmp/t1/$f"
  check "deterministic $f (1 vs 2 threads)" cmp -s "$tmp/t1/$f" "$tmp/t2/$f"
done
mkdir -p "$tmp/many"
for i in $(seq 1 12); do cp "$SRC/corpora/nist/nist-mic-summary.txt" "$tmp/many/doc$i.txt"; done
"$PG" run "$tmp/many" -o "$tmp/m1" --threads 1 --quiet
"$PG" run "$tmp/many" -o "$tmp/m2" --threads 2 --quiet
for f in mentions.jsonl graph.json graph.graphml; do check "deterministic many $f" cmp -s "$tmp/m1/$f" "$tmp/m2/$f"; done

# 3. Bad documents are reported by name, counted, and do not stop the batch (exit 1).
mkdir -p "$tmp/in"
printf 'About 40 percent of it.' > "$tmp/in/good.txt"
printf 'bad \xff byte' > "$tmp/in/bad.txt"
printf '\x00\x01\x02binary' > "$tmp/in/blob.txt"
: > "$tmp/in/empty.txt"
"$PG" run "$tmp/in" "$tmp/nosuch" -o "$tmp/b" 2> "$tmp/b.err"; rc=$?
check "bad input exits 1" test $rc -eq 1
check "names invalid UTF-8 with offset" grep -q "bad.txt: invalid UTF-8 at byte 4" "$tmp/b.err"
check "names binary file" grep -q "blob.txt: binary file" "$tmp/b.err"
check "names missing path" grep -q "nosuch: no such file or directory" "$tmp/b.err"
check "counts failures" grep -q "3 failed" "$tmp/b.err"
check "good document still processed" grep -q '"doc":"good"' "$tmp/b/mentions.jsonl"

# 3b. --stage-times names every stage of the pipeline with its time and share of the run.
"$PG" run "$SRC/corpora" -o "$tmp/st" --quiet --threads 1 --stage-times 2> "$tmp/st.err"; rc=$?
check "stage-times exits 0" test $rc -eq 0
for stage in sentences relations acronyms; do
  check "stage-times lists $stage" grep -qE "^  $stage  [0-9]+\.[0-9]{3} s  [0-9]+\.[0-9] %$" "$tmp/st.err"
done
check "stage-times outputs identical" cmp -s "$tmp/a/graph.json" "$tmp/st/graph.json"

# 4. A broken rule file stops the run before any document is read (exit 2), with file:line.
mkdir -p "$tmp/rules"
printf 'stage: x\ntype: T\nrules:\n  - id: x.bad\n    pattern: "a(b"\n' > "$tmp/rules/bad.yaml"
"$PG" run "$SRC/corpora" -o "$tmp/c" --rules "$tmp/rules" 2> "$tmp/c.err"; rc=$?
check "broken rules exit 2" test $rc -eq 2
check "broken rules file:line" grep -q "bad.yaml:4: rule x.bad: bad pattern: missing )" "$tmp/c.err"
check "no output after broken rules" test ! -e "$tmp/c/mentions.jsonl"
"$PG" run --no-such-flag > /dev/null 2>&1; rc=$?
check "usage error exits 2" test $rc -eq 2
"$PG" run --stages normalize,nonsense -o "$tmp/d" 2> "$tmp/d.err"; rc=$?
check "unknown stage exits 2" test $rc -eq 2
check "unknown stage lists valid names" grep -q "valid: normalize, sentences" "$tmp/d.err"

# 5. Rule tools.
"$PG" rules test > "$tmp/rt.out"; rc=$?
check "rules test passes" test $rc -eq 0
check "rules test reports counts" grep -Eq '^[0-9]+ passed, 0 failed' "$tmp/rt.out"
"$PG" rules list > "$tmp/rl.out"
check "rules list shows file:line" grep -Eq $'^percent\\.number_sign\tpercent\tPERCENT\tstages/percent/rules.yaml:[0-9]+$' "$tmp/rl.out"
"$PG" rules explain "nearly 40% of output" > "$tmp/ex.out"
check "explain shows rule and value" grep -q "PERCENT 'nearly 40%' = 40 mod=LESS_THAN  (rule percent.number_sign" "$tmp/ex.out"
"$PG" rules explain "Made in China 2025 targets robotics." > "$tmp/ex2.out"
check "explain shows what lost an overlap" grep -q "DATE '2025' (rule dates.year): lost to PLAN 'Made in China 2025'" "$tmp/ex2.out"
if command -v dot > /dev/null; then
  dot -Tsvg "$tmp/a/graph.dot" > "$tmp/graph.svg"
  check "graph.dot renders with Graphviz" grep -q "<svg" "$tmp/graph.svg"
else
  echo "skipped: graph.dot rendering (graphviz absent; scripts/setup installs it)"
fi
"$PG" --version | grep -q "^policygraph [0-9]"; check "version" test $? -eq 0
"$PG" run --help | grep -q "Example"; check "help shows an example" test $? -eq 0

# 6. Streaming extract from JSON Lines on stdin.
printf '{"id":"s1","text":"up 12 percent"}\nnot json\n{"id":"s2","text":"and 3 %%"}\n' |
  "$PG" extract - > "$tmp/x.out" 2> "$tmp/x.err"; rc=$?
check "extract - exits 1 on a bad line" test $rc -eq 1
check "extract - names the bad line" grep -q "<stdin>:2: not a JSON object" "$tmp/x.err"
check "extract - writes both good records" test "$(grep -c '"type":"PERCENT"' "$tmp/x.out")" -eq 2

# Many records through one stream: each exactly once, in input order (the reading thread must not
# flush stdout while the writing thread fills it).
for i in $(seq 1 400); do printf '{"id":"d%d","text":"up %d percent"}\n' "$i" "$i"; done |
  "$PG" extract - --records --threads 2 -q > "$tmp/many.out"
check "extract - writes each record once, in order" \
  test "$(python3 -c "import json,sys; print(' '.join(json.loads(l)['doc'] for l in open(sys.argv[1])))" "$tmp/many.out")" \
  = "$(seq -f 'd%g' 1 400 | tr '\n' ' ' | sed 's/ $//')"

# 7. eval agrees with the reference scorer (needs ../shared).
if [ -f "$SRC/../shared/tools/score.py" ]; then
  gold="$SRC/corpora/nist/nist-mic-summary.gold.jsonl"
  "$PG" eval --gold "$gold" "$SRC/corpora/nist" --json --system-out "$tmp/sys.jsonl" > "$tmp/ours.json"
  python3 "$SRC/../shared/tools/score.py" "$gold" "$tmp/sys.jsonl" --json > "$tmp/ref.json"
  check "eval agrees with score.py" python3 -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); sys.exit(0 if a==b else 1)" "$tmp/ours.json" "$tmp/ref.json"
else
  echo "skipped: eval vs score.py (../shared absent)"
fi

# 8. Hostile rule files (--rules DIR): a file:line error and exit 2, never a crash, a hang or a
# device read to its end.
mkdir -p "$tmp/hostile"
printf 'stage: x\ntype: T\nrules: ["just a string"]\n' > "$tmp/hostile/shape.yaml"
printf 'stage: x\ntype: T\nlexicons:\n  z: {file: /dev/zero}\nrules: []\n' > "$tmp/hostile/zero.yaml"
mkfifo "$tmp/hostile/fifo.yaml"
timeout 60 "$PG" rules list --rules "$tmp/hostile" > /dev/null 2> "$tmp/hostile.err"; rc=$?
check "hostile rules exit 2" test $rc -eq 2
check "hostile rules: FIFO refused" grep -q "fifo.yaml: cannot read rule file: not a regular file" "$tmp/hostile.err"
rm "$tmp/hostile/fifo.yaml"
timeout 60 "$PG" rules list --rules "$tmp/hostile" > /dev/null 2> "$tmp/hostile.err"; rc=$?
check "hostile rules exit 2 (shapes)" test $rc -eq 2
check "hostile rules: wrong shape" grep -q "shape.yaml:3: a rule is a map" "$tmp/hostile.err"
check "hostile rules: device lexicon" grep -q "zero.yaml:4: lexicon 'z': cannot read file '/dev/zero': not a regular file" "$tmp/hostile.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
