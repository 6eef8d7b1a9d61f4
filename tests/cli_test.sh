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
# A graph spilled to disk after every document (--graph-memory 0) writes the same bytes, report
# included, and leaves no spill file behind.
"$PG" run "$tmp/many" "$SRC/corpora" -o "$tmp/s1" --format json,graphml,dot,html --quiet
"$PG" run "$tmp/many" "$SRC/corpora" -o "$tmp/s2" --format json,graphml,dot,html --graph-memory 0 --quiet
for f in graph.json graph.graphml graph.dot report.html; do check "spilled graph: same $f" cmp -s "$tmp/s1/$f" "$tmp/s2/$f"; done
"$PG" run "$SRC/corpora" -o "$tmp/s3" --format json --graph-memory 0 2> "$tmp/s3.err"
check "spilled graph: the summary counts the runs" grep -Eq "graph: [0-9]+ nodes, [0-9]+ edges \(merged from [0-9]+ runs on disk" "$tmp/s3.err"
(trap '' XFSZ; ulimit -f 8; "$PG" run "$SRC/corpora" -o "$tmp/s1" --graph-memory 0 2> "$tmp/s4.err"); rc=$?
check "spilled graph: a spill that cannot be written exits 1" test $rc -eq 1
check "spilled graph: the spill error is named" grep -q "$tmp/s1: cannot spill the graph: File too large; previous outputs kept" "$tmp/s4.err"
check "spilled graph: previous outputs kept" cmp -s "$tmp/s1/graph.json" "$tmp/s2/graph.json"
check "spilled graph: no file left" test "$(ls -A "$tmp/s2" | tr '\n' ' ')" = "graph.dot graph.graphml graph.json report.html "

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
check "names empty file" grep -q "empty.txt: empty file (0 bytes)" "$tmp/b.err"
check "counts failures" grep -q "4 failed" "$tmp/b.err"
check "good document still processed" grep -q '"doc":"good"' "$tmp/b/mentions.jsonl"

# 3a. A directory's other files are named in one line; a directory with no document is a failure;
# a JSON Lines file named on the command line gives a document per line; extensions in any case.
mkdir -p "$tmp/kinds/sub" "$tmp/kinds-none"
printf 'About 40 percent of it.' > "$tmp/kinds/UPPER.TXT"
printf 'x' > "$tmp/kinds/sub/notes.docx"
printf '{}' > "$tmp/kinds/UPPER.meta.json"
printf 'x' > "$tmp/kinds-none/table.csv"
printf '{"id":"r1","text":"About 12 percent."}\n{"id":"r2","text":""}\n' > "$tmp/records.jsonl"
"$PG" run "$tmp/kinds" "$tmp/kinds-none" "$tmp/records.jsonl" -o "$tmp/k" 2> "$tmp/k.err"; rc=$?
check "kinds: exits 1 (a directory without documents, an empty record)" test $rc -eq 1
check "kinds: other files named in one line" grep -q "skipped 2 files of the directories that are not documents (.csv 1, .docx 1)" "$tmp/k.err"
check "kinds: sidecar not named as skipped" bash -c "! grep -q 'meta.json' '$tmp/k.err'"
check "kinds: directory without documents" grep -q "kinds-none: no documents in it (.txt, .md, .pdf, .html, .htm); 1 other file" "$tmp/k.err"
check "kinds: empty record named by line" grep -q "records.jsonl:2: record's text is empty" "$tmp/k.err"
check "kinds: .TXT read" grep -q '"doc":"UPPER"' "$tmp/k/mentions.jsonl"
check "kinds: JSONL record read" grep -q '"doc":"r1"' "$tmp/k/mentions.jsonl"
"$PG" run "$tmp/kinds-none" -o "$tmp/k" 2> "$tmp/k2.err"; rc=$?
check "kinds: nothing to read exits 1" test $rc -eq 1
check "kinds: nothing to read keeps the outputs" grep -q '"doc":"r1"' "$tmp/k/mentions.jsonl"

# 3a'. A document id is used once: a second file of the same name is refused by name (not merged
# into the first); merging the same records twice is refused and counts nothing twice.
mkdir -p "$tmp/dup/x" "$tmp/dup/y"
printf 'The Made in China 2025 plan targets robotics.' > "$tmp/dup/x/a.txt"
printf 'Made in China 2025 was issued in 2015.' > "$tmp/dup/y/a.txt"
"$PG" run "$tmp/dup/x" "$tmp/dup/y" -o "$tmp/dupo" 2> "$tmp/dup.err"; rc=$?
check "duplicate id: exits 1" test $rc -eq 1
check "duplicate id: named" grep -q "y/a.txt: document id 'a' is already taken by .*x/a.txt: skipped" "$tmp/dup.err"
check "duplicate id: first kept" grep -q '"text":"robotics"' "$tmp/dupo/mentions.jsonl"
check "duplicate id: second not merged" bash -c "! grep -q '\"2015\"' '$tmp/dupo/mentions.jsonl'"
"$PG" extract "$tmp/dup/x" --records -q > "$tmp/dup/r.jsonl"
"$PG" merge "$tmp/dup/r.jsonl" "$tmp/dup/r.jsonl" -o "$tmp/dupm" 2> "$tmp/dupm.err"; rc=$?
check "merge twice: exits 1" test $rc -eq 1
check "merge twice: named" grep -q "r.jsonl:1: document 'a' already merged (from .*r.jsonl:1)" "$tmp/dupm.err"
check "merge twice: mentions not doubled" python3 -c "
import json, sys
g = json.load(open('$tmp/dupm/graph.json'))
sys.exit(0 if all(n['mentions'] <= 1 for n in g['nodes']) else 1)"

# 3b. --stage-times names every stage of the pipeline with its time and share of the run.
"$PG" run "$SRC/corpora" -o "$tmp/st" --quiet --threads 1 --stage-times 2> "$tmp/st.err"; rc=$?
check "stage-times exits 0" test $rc -eq 0
for stage in sentences relations acronyms; do
  check "stage-times lists $stage" grep -qE "^  $stage  [0-9]+\.[0-9]{3} s  [0-9]+\.[0-9] %$" "$tmp/st.err"
done
check "stage-times outputs identical" cmp -s "$tmp/a/graph.json" "$tmp/st/graph.json"

# 3c. A folder of text, Markdown, PDF and HTML files is one batch and one graph; PDF mentions carry
# their page, text mentions do not. Bad PDFs (0 bytes, truncated, encrypted, image-only, 10,000
# pages) are each reported by name, the batch goes on, and a long PDF is refused, not read.
mkdir -p "$tmp/mixed" "$tmp/badpdf"
nist="$SRC/corpora/nist/nist-mic-summary.txt"
cp "$nist" "$tmp/mixed/a-text.txt"
printf '# Notes\n\nThe plan invests 12 percent.\n' > "$tmp/mixed/b-notes.md"
python3 "$SRC/tests/make_pdf.py" "$tmp/mixed/c-paper.pdf" --text "$nist" --title "NIST MIC" --date 2025-03-04 \
  --header "NIST AMS 600-17" --page-numbers --hyphenate --lines 30
{ printf '<html><head><title>NIST</title><meta name="DC.date" content="2025-03-04"></head><body>'
  printf '<nav>Home | 99 percent off</nav><article>'
  sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e '/^[[:space:]]*$/d' -e 's/.*/<p>&<\/p>/' "$nist"
  printf '</article></body></html>\n'; } > "$tmp/mixed/d-page.html"
"$PG" run "$tmp/mixed" -o "$tmp/mx" --threads 2 2> "$tmp/mx.err"; rc=$?
check "mixed folder exits 0" test $rc -eq 0
check "mixed folder: 4 documents" grep -q "policygraph: 4 documents" "$tmp/mx.err"
check "mixed folder: one graph of 4 documents" grep -q '"documents": 4' "$tmp/mx/graph.json"
for d in a-text b-notes c-paper d-page; do check "mixed folder: mentions of $d" grep -q "\"doc\":\"$d\"" "$tmp/mx/mentions.jsonl"; done
check "PDF mentions carry pages" grep -q '"doc":"c-paper".*"page":3}' "$tmp/mx/mentions.jsonl"
check "text mentions carry no page" test "$(grep -v '"doc":"c-paper"' "$tmp/mx/mentions.jsonl" | grep -c '"page"')" -eq 0
check "PDF evidence carries pages" grep -q '"page": 2' "$tmp/mx/graph.json"
"$PG" run "$tmp/mixed" -o "$tmp/mxc1" --threads 2 --quiet --cache "$tmp/mxcache"
"$PG" run "$tmp/mixed" -o "$tmp/mxc2" --threads 2 --cache "$tmp/mxcache" 2> "$tmp/mxc2.err"
check "mixed folder from the cache" grep -q "4 from the cache" "$tmp/mxc2.err"
for f in mentions.jsonl graph.json graph.graphml graph.dot; do
  check "mixed folder: cached $f identical" cmp -s "$tmp/mx/$f" "$tmp/mxc2/$f"
done
# The PDF's and the HTML's mentions (type, value, text) are the text version's, offsets aside, with
# one reference date for all (--ref-date dates the text version; the others bring theirs).
"$PG" run "$tmp/mixed" -o "$tmp/mx2" --threads 1 --quiet --ref-date 2025-03-04
mention_values() {
  grep "\"doc\":\"$1\"" "$tmp/mx2/mentions.jsonl" |
    sed -E 's/"doc":"[^"]*","type":("[^"]*"),"start":[0-9]+,"end":[0-9]+,/\1 /; s/,"sentence":[0-9]+(,"page":[0-9]+)?}$//; s/,?"ref_date_source":"[a-z]+"//'
}
check "PDF gives the text version's mentions" cmp -s <(mention_values a-text) <(mention_values c-paper)
check "HTML gives the text version's mentions" cmp -s <(mention_values a-text) <(mention_values d-page)
check "same mentions: not none" test "$(mention_values c-paper | wc -l)" -gt 20
: > "$tmp/badpdf/empty.pdf"
head -c 2000 "$tmp/mixed/c-paper.pdf" > "$tmp/badpdf/truncated.pdf"
python3 "$SRC/tests/make_pdf.py" "$tmp/badpdf/locked.pdf" --encrypted --text "$nist"
python3 "$SRC/tests/make_pdf.py" "$tmp/badpdf/scan.pdf" --image-only
python3 "$SRC/tests/make_pdf.py" "$tmp/badpdf/long.pdf" --pages 10000
cp "$tmp/mixed/b-notes.md" "$tmp/badpdf/good.md"
start=$(date +%s)
timeout 120 "$PG" run "$tmp/badpdf" -o "$tmp/bp" --threads 2 2> "$tmp/bp.err"; rc=$?
check "bad PDFs exit 1" test $rc -eq 1
check "bad PDFs: quickly" test $(( $(date +%s) - start )) -lt 60
check "bad PDFs: 5 failed" grep -q "5 failed" "$tmp/bp.err"
check "bad PDFs: empty named" grep -q "empty.pdf: empty file (0 bytes)" "$tmp/bp.err"
check "bad PDFs: truncated named" grep -q "truncated.pdf: truncated PDF" "$tmp/bp.err"
check "bad PDFs: encrypted named" grep -q "locked.pdf: encrypted PDF" "$tmp/bp.err"
check "bad PDFs: image-only named" grep -q "scan.pdf: PDF without text" "$tmp/bp.err"
check "bad PDFs: long refused" grep -q "long.pdf: 10000 pages, over the limit of 2000 (--max-pages)" "$tmp/bp.err"
check "bad PDFs: Poppler silent" test "$(grep -vc -e '^policygraph:' -e '^  ' "$tmp/bp.err")" -eq 0
check "bad PDFs: good document processed" grep -q '"doc":"good"' "$tmp/bp/mentions.jsonl"
# No time limit here: 10,000 pages take ~1 s in a release build but over a minute under ASan.
"$PG" run "$tmp/badpdf/long.pdf" -o "$tmp/bp2" --quiet --max-pages 10000 --timeout-ms 0; rc=$?
check "--max-pages 10000 reads the long PDF" test $rc -eq 0

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
check "explain shows rule and value" grep -q "PERCENT '40%' = 40 mod=LESS_THAN  (rule percent.number_sign" "$tmp/ex.out"
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

# 8. The outputs of a run are one transaction: a run or merge that fails, or has nothing valid to
# write, leaves the previous outputs as they were; temporaries never stay behind.
T="timeout 10"
"$PG" run "$SRC/corpora" -o "$tmp/tx" -q
cp -r "$tmp/tx" "$tmp/tx.before"
same_outputs() { for f in mentions.jsonl graph.json graph.graphml graph.dot; do cmp -s "$tmp/tx.before/$f" "$tmp/tx/$f" || return 1; done; }
no_temporaries() { ! ls "$1" | grep -q '\.tmp\.'; }
$T "$PG" run "$tmp/nosuch" -o "$tmp/tx" 2> "$tmp/tx1.err"; rc=$?
check "run of a missing path exits 1" test $rc -eq 1
check "run of a missing path says nothing was written" grep -q "nothing written, previous outputs in" "$tmp/tx1.err"
check "run of a missing path keeps the outputs" same_outputs
printf '{"doc":"x","mentions":[],"fragment":{"nodes":[],"links":[]}}\n' > "$tmp/f1.jsonl"
$T "$PG" merge "$tmp/f1.jsonl" "$tmp/f2-typo.jsonl" -o "$tmp/tx" 2> "$tmp/tx2.err"; rc=$?
check "merge with a missing input exits 1" test $rc -eq 1
check "merge names the missing input" grep -q "f2-typo.jsonl: cannot open (No such file or directory)" "$tmp/tx2.err"
check "merge with a missing input keeps the outputs" same_outputs
$T "$PG" merge "$tmp/in" -o "$tmp/tx" 2> "$tmp/tx3.err"; rc=$?
check "merge of a directory exits 1" test $rc -eq 1
check "merge of a directory says so" grep -q "in: is a directory" "$tmp/tx3.err"
check "merge of a directory keeps the outputs" same_outputs
printf 'garbage\n{"doc":"x","mentions":[],"fragment":{"nodes":[],"links":[]}}\n' > "$tmp/shard-bad.jsonl"
$T "$PG" merge "$tmp/shard-bad.jsonl" -o "$tmp/tx" 2> "$tmp/tx4.err"; rc=$?
check "merge of a non-JSON shard exits 1" test $rc -eq 1
check "merge of a non-JSON shard says so" grep -q "shard-bad.jsonl: neither JSON nor JSON Lines" "$tmp/tx4.err"
check "merge of a non-JSON shard keeps the outputs" same_outputs
check "no temporaries after failures" no_temporaries "$tmp/tx"
# Temporaries of killed runs: removed when their process is gone; a live process's are kept.
: > "$tmp/tx/graph.json.tmp.999999999"
: > "$tmp/tx/mentions.jsonl.tmp.$$"
: > "$tmp/tx/notes.tmp.999999999"
$T "$PG" run "$SRC/corpora" -o "$tmp/tx" -q; rc=$?
check "run after a killed run exits 0" test $rc -eq 0
check "stale temporary of a dead process removed" test ! -e "$tmp/tx/graph.json.tmp.999999999"
check "temporary of a live process kept" test -e "$tmp/tx/mentions.jsonl.tmp.$$"
check "other files kept" test -e "$tmp/tx/notes.tmp.999999999"
rm -f "$tmp/tx/mentions.jsonl.tmp.$$" "$tmp/tx/notes.tmp.999999999"
check "a successful run rewrites the same outputs" same_outputs

# 8b. Disk full: exit 1 with the errno text, previous outputs kept, no temporaries (a 64 KiB tmpfs
# in a user namespace, where the system allows one).
if unshare -rm true 2> /dev/null; then
  cat > "$tmp/full.sh" <<'SH'
set -u
d=$1 pg=$2 corpus=$3
mount -t tmpfs -o size=256k tmpfs "$d" || exit 99
"$pg" run "$corpus" -o "$d/out" -q || exit 98
sum_before=$(cat "$d"/out/* | md5sum)
dd if=/dev/zero of="$d/filler" bs=4k 2> /dev/null
"$pg" run "$corpus" -o "$d/out" -q 2> "$4"; rc=$?  # stderr outside the full file system
[ "$rc" -eq 1 ] || exit 1
grep -q "mentions.jsonl: write failed (No space left on device); previous outputs kept" "$4" || exit 2
[ "$(cat "$d"/out/* | md5sum)" = "$sum_before" ] || exit 3
ls "$d/out" | grep -q '\.tmp\.' && exit 4
exit 0
SH
  mkdir -p "$tmp/fullmnt"
  printf 'About 40 percent of it.' > "$tmp/small.txt"
  $T unshare -rm bash "$tmp/full.sh" "$tmp/fullmnt" "$PG" "$tmp/small.txt" "$tmp/full.err"; rc=$?
  check "disk full: exit 1, errno text, outputs kept, no temporaries (step $rc)" test $rc -eq 0
else
  echo "skipped: disk full (no user namespaces for a small tmpfs)"
fi
# An output directory that cannot be written: exit 1 with the errno text.
if [ "$(id -u)" -ne 0 ]; then
  mkdir -p "$tmp/ro" && chmod 555 "$tmp/ro"
  $T "$PG" run "$tmp/small.txt" -o "$tmp/ro" -q 2> "$tmp/ro.err"; rc=$?
  chmod 755 "$tmp/ro"
  check "read-only output directory exits 1" test $rc -eq 1
  check "read-only output directory names errno" grep -q "Permission denied" "$tmp/ro.err"
fi

# 8c. Whatever a document's name or id holds, every output stays valid: a file name that is not
# UTF-8 (U+FFFD in the id), control characters and a trailing backslash in a JSONL id.
mkdir -p "$tmp/names"
printf 'About 40 percent of it.' > "$tmp/names/bad"$'\xff'"name.txt"
$T "$PG" run "$tmp/names" -o "$tmp/names.out" -q; rc=$?
check "non-UTF-8 file name: run exits 0" test $rc -eq 0
check "non-UTF-8 file name: U+FFFD in the id" grep -q '"doc":"bad'$'\xef\xbf\xbd''name"' "$tmp/names.out/mentions.jsonl"
printf '{"id":"ctl\\u0001\\u001fid\\\\","text":"About 40 percent of it."}\n{"id":"q\\"x","text":"Up 3 percent."}\n' |
  $T "$PG" run - -o "$tmp/ids.out" -q; rc=$?
check "control characters in ids: run exits 0" test $rc -eq 0
for d in "$tmp/names.out" "$tmp/ids.out"; do
  check "$(basename "$d"): graph.json and mentions.jsonl parse" python3 -c "
import json, sys
json.load(open(sys.argv[1] + '/graph.json', encoding='utf-8'))
[json.loads(l) for l in open(sys.argv[1] + '/mentions.jsonl', encoding='utf-8')]" "$d"
  check "$(basename "$d"): graph.graphml parses" python3 -c "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])" "$d/graph.graphml"
  if command -v dot > /dev/null; then
    check "$(basename "$d"): graph.dot renders" sh -c 'dot -Tsvg "$1" > /dev/null' _ "$d/graph.dot"
  fi
done

# 9. Inputs are read within bounds, and what cannot be read is named.
truncate -s 2G "$tmp/huge.txt"
$T "$PG" run "$tmp/huge.txt" -o "$tmp/huge.out" --max-bytes 1000 2> "$tmp/huge.err"; rc=$?
check "2 GB file over --max-bytes: exit 1" test $rc -eq 1
check "2 GB file over --max-bytes: refused from its size" \
  grep -q "huge.txt: 2147483648 bytes, over the limit of 1000 (--max-bytes)" "$tmp/huge.err"
rm -f "$tmp/huge.txt"
$T "$PG" extract /dev/zero > /dev/null 2> "$tmp/zero.err"; rc=$?
check "extract /dev/zero: exit 1, bounded" test $rc -eq 1
check "extract /dev/zero: named" grep -q "/dev/zero: not a regular file (a character device)" "$tmp/zero.err"
mkdir -p "$tmp/special"
printf 'About 40 percent of it.' > "$tmp/special/ok.txt"
mkfifo "$tmp/special/pipe.txt"
ln -s "$tmp/special/gone.txt" "$tmp/special/dangling.txt"
ln -s "$tmp/special/loop2" "$tmp/special/loop1"
ln -s "$tmp/special/loop1" "$tmp/special/loop2"
$T "$PG" run "$tmp/special/pipe.txt" -o "$tmp/fifo.out" 2> "$tmp/fifo.err"; rc=$?
check "explicit FIFO: refused, not waited on" test $rc -eq 1
check "explicit FIFO: named" grep -q "pipe.txt: not a regular file (a FIFO); use - to read a stream" "$tmp/fifo.err"
$T "$PG" run "$tmp/special" -o "$tmp/special.out" 2> "$tmp/special.err"; rc=$?
check "special files in a directory: exit 1" test $rc -eq 1
check "FIFO in a directory: skipped with a reason" grep -q "pipe.txt: not a regular file (a FIFO), skipped" "$tmp/special.err"
check "dangling link named" grep -q "dangling.txt: dangling symbolic link" "$tmp/special.err"
check "link loop named" grep -q "loop1: symbolic link loop" "$tmp/special.err"
check "the regular file is still processed" grep -q '"doc":"ok"' "$tmp/special.out/mentions.jsonl"
# An unreadable directory is reported (as root: checked as user nobody, where setpriv exists).
mkdir -p "$tmp/perm/locked" "$tmp/perm/out"
printf 'About 40 percent of it.' > "$tmp/perm/a.txt"
printf 'Up 3 percent.' > "$tmp/perm/locked/b.txt"
chmod 000 "$tmp/perm/locked"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv > /dev/null; then
    chmod 755 "$tmp" "$tmp/perm"; chmod 777 "$tmp/perm/out"; chmod 644 "$tmp/perm/a.txt"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  else
    as_user=(skip)
  fi
fi
if [ "${as_user[0]:-}" != skip ]; then
  $T "${as_user[@]}" "$PG" run "$tmp/perm" -o "$tmp/perm/out" 2> "$tmp/perm.err"; rc=$?
  check "unreadable directory: exit 1" test $rc -eq 1
  check "unreadable directory: named" grep -q "locked: cannot list directory: Permission denied" "$tmp/perm.err"
else
  echo "skipped: unreadable directory (root without setpriv)"
fi
chmod 700 "$tmp/perm/locked" "$tmp"

# 9b. Options and dates are checked up front (exit 2, naming the option).
usage_error() {  # usage_error OPTION ARGS...: exit 2 and a message naming OPTION
  local opt=$1; shift
  $T "$PG" "$@" > /dev/null 2> "$tmp/usage.err"
  [ $? -eq 2 ] && grep -q -- "$opt" "$tmp/usage.err"
}
check "--threads 100000 is a usage error" usage_error --threads run "$tmp/small.txt" -o "$tmp/u" --threads 100000
check "extract --threads 100000 is a usage error" usage_error --threads extract "$tmp/small.txt" --threads 100000
for d in yesterday 2025-13-45 2020-02-30; do
  check "--ref-date $d is a usage error" usage_error --ref-date run "$tmp/small.txt" -o "$tmp/u" --ref-date "$d"
done
check "--max-bytes -5 is a usage error" usage_error --max-bytes run "$tmp/small.txt" -o "$tmp/u" --max-bytes -5
check "no outputs after usage errors" test ! -e "$tmp/u"
printf '{"id":"bad","text":"Up 3 percent.","date":"2025-13-45"}\n{"id":"good","text":"Up 4 percent.","date":"2025-01-31"}\n' |
  $T "$PG" extract - > "$tmp/dates.out" 2> "$tmp/dates.err"; rc=$?
check "bad JSONL date: exit 1" test $rc -eq 1
check "bad JSONL date: named" grep -q "<stdin>:1: date '2025-13-45' is not a calendar date" "$tmp/dates.err"
check "bad JSONL date: the next record processed" grep -q '"doc":"good"' "$tmp/dates.out"
mkdir -p "$tmp/side"
printf 'Up 3 percent.' > "$tmp/side/d.txt"
printf '{"date": "2020-02-30"}' > "$tmp/side/d.meta.json"
$T "$PG" run "$tmp/side" -o "$tmp/side.out" 2> "$tmp/side.err"; rc=$?
check "bad sidecar date: exit 1 and named" grep -q "d.meta.json: date '2020-02-30' is not a calendar date" "$tmp/side.err"

# 9c. JSON nested 200,000 levels deep is refused with file:line, not a crash.
python3 -c "print('{\"doc\":\"x\",\"mentions\":[],\"fragment\":' + '[' * 200000 + ']' * 200000 + '}')" > "$tmp/deep.jsonl"
cp "$tmp/deep.jsonl" "$tmp/deep-first.jsonl"
cat "$tmp/f1.jsonl" "$tmp/deep.jsonl" > "$tmp/deep-second.jsonl"
$T "$PG" merge "$tmp/deep-second.jsonl" -o "$tmp/deep.out" 2> "$tmp/deep.err"; rc=$?
check "merge of deep JSON: exit 1, no crash" test $rc -eq 1
check "merge of deep JSON: file:line" grep -q "deep-second.jsonl:2: JSON nested deeper than 512 levels" "$tmp/deep.err"
$T "$PG" merge "$tmp/deep-first.jsonl" -o "$tmp/deep.out" 2> "$tmp/deep.err"; rc=$?
check "merge of deep JSON on the first line: exit 1, no crash" test $rc -eq 1
$T "$PG" eval --gold "$tmp/deep.jsonl" "$tmp/small.txt" > /dev/null 2> "$tmp/deepe.err"; rc=$?
check "eval of deep gold: exit 2, no crash" test $rc -eq 2
check "eval of deep gold: file:line" grep -q "deep.jsonl:1: JSON nested deeper than 512 levels" "$tmp/deepe.err"
$T "$PG" extract - < "$tmp/deep.jsonl" > /dev/null 2> "$tmp/deepx.err"; rc=$?
check "extract of a deep record: exit 1, named" grep -q "<stdin>:1: JSON nested deeper" "$tmp/deepx.err"

# 10. Hostile rule files (--rules DIR): a file:line error and exit 2, never a crash, a hang or a
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
