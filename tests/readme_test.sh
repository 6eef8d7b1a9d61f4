#!/usr/bin/env bash
# Keeps README.md and docs/*.md honest:
# - README.md is at most 400 lines;
# - every fenced ```sh and ```python block of README.md, then of docs/*.md, runs as written from a
#   copy of the repository root after the quick start (build/policygraph, corpora/), in one scratch
#   directory, in document order, and exits 0. A block whose first line starts with
#   "# not run by tests/readme_test.sh" is skipped (it builds the project or needs other machines);
# - every mention line ({"doc":…) in a ```json block is a line of `policygraph run`'s mentions.jsonl
#   on corpora/, and every edge ({"source":…) an edge of its graph.json;
# - every relative link [..](path) between these files points to a file that exists.
set -uo pipefail
PG="${PG_BINARY:?}"
SRC="${PG_SOURCE_DIR:?}"
if [[ "$PG" == *asan* ]]; then  # what the docs say is checked by the release suite; this one is for memory errors
  echo "skipped under the sanitizers: the release suite runs the documentation's commands"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

lines=$(wc -l < "$SRC/README.md")
if [ "$lines" -le 400 ]; then passed=$((passed + 1)); else fail "README.md has $lines lines (at most 400)"; fi

# The scratch copy of the repository root: the binary where the quick start builds it, the corpus.
work="$tmp/repo"
mkdir -p "$work/build" "$tmp/blocks"
ln -s "$PG" "$work/build/policygraph"
cp -r "$SRC/corpora" "$work/corpora"
docs=("$SRC/README.md")
for f in "$SRC"/docs/*.md; do [ -f "$f" ] && docs+=("$f"); done

# Cut the documents into blocks: NNN.sh / NNN.py (runnable), NNN.json (examples), links.txt.
python3 - "$tmp/blocks" "${docs[@]}" <<'PY' || fail "could not read the documents"
import os, re, sys
out, files = sys.argv[1], sys.argv[2:]
n = 0
links = open(os.path.join(out, "links.txt"), "w")
for path in files:
    text = open(path, encoding="utf-8").read()
    rel = os.path.relpath(path, os.path.dirname(files[0]))
    for m in re.finditer(r"\]\(([^)\s]+)\)", text):
        target, _, anchor = m.group(1).partition("#")
        if re.match(r"[a-z]+:", target):
            continue
        full = os.path.normpath(os.path.join(os.path.dirname(path), target)) if target else path
        links.write(f"{rel}\t{full}\t{anchor}\n")
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        fence = re.match(r"^```(\w*)\s*$", lines[i])
        if not fence:
            i += 1
            continue
        lang, start = fence.group(1), i + 1
        j = start
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        body = lines[start:j]
        i = j + 1
        ext = {"sh": "sh", "python": "py", "json": "json"}.get(lang)
        if ext is None or (body and body[0].startswith("# not run by tests/readme_test.sh")):
            continue
        n += 1
        with open(os.path.join(out, f"{n:03d}.{ext}"), "w", encoding="utf-8") as f:
            f.write(f"# {rel}:{start + 1}\n" + "\n".join(body) + "\n")
PY

# The reference outputs for the examples.
"$PG" run "$SRC/corpora" -o "$tmp/ref" --quiet || fail "policygraph run corpora failed"
for block in "$tmp"/blocks/*.json; do
  [ -e "$block" ] || continue
  where=$(head -1 "$block" | cut -c3-)
  if python3 - "$block" "$tmp/ref" <<'PY'; then passed=$((passed + 1)); else fail "$where: an example is not in the output of policygraph run corpora"; fi
import json, sys
block, ref = sys.argv[1], sys.argv[2]
mentions = set(open(f"{ref}/mentions.jsonl", encoding="utf-8").read().split("\n"))
edges = json.load(open(f"{ref}/graph.json", encoding="utf-8"))["edges"]
ok = True
for line in open(block, encoding="utf-8").read().split("\n")[1:]:
    if line.startswith('{"doc":') and line not in mentions:
        print("  not in mentions.jsonl:", line); ok = False
    if line.startswith('{"source":') and json.loads(line) not in edges:
        print("  not in graph.json:", line); ok = False
sys.exit(0 if ok else 1)
PY
done

# A link's #anchor must be a heading of its target, as GitHub makes anchors of headings.
anchors() {
  python3 -c 'import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if re.match(r"#+ ", line):
        print(re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-"))' "$1"
}
while IFS=$'\t' read -r from target anchor; do
  if [ ! -e "$target" ]; then
    fail "$from: link to a missing file: ${target#"$SRC"/}"
  elif [ -n "$anchor" ] && ! anchors "$target" | grep -xF -- "$anchor" >/dev/null; then  # not -q: no broken pipe
    fail "$from: link to a missing heading: ${target#"$SRC"/}#$anchor"
  else
    passed=$((passed + 1))
  fi
done < "$tmp/blocks/links.txt"

for name in $(cd "$tmp/blocks" && ls | grep -E '^[0-9]+\.(sh|py)$' | sort); do
  block="$tmp/blocks/$name"
  where=$(head -1 "$block" | cut -c3-)
  started=${EPOCHREALTIME/./}
  if [ "${block##*.}" = sh ]; then
    (cd "$work" && timeout 120 bash -e -o pipefail "$block" > "$block.log" 2>&1)
  else
    (cd "$work" && timeout 120 python3 "$block" > "$block.log" 2>&1)
  fi
  rc=$?
  ms=$(( (${EPOCHREALTIME/./} - started) / 1000 ))
  echo "$where: exit $rc, $ms ms"
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
  else
    fail "$where: the block exits $rc:"
    sed 's/^/  /' "$block.log" | tail -20
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
