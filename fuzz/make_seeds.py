#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (scripts/fuzz runs it; nothing here is kept in git).

Usage: make_seeds.py SOURCE_ROOT OUT_DIR
Writes OUT_DIR/{reader,rules,pipeline}/ from corpora/, tests/data/, tests/golden/, the test
sources' sample sentences and the default rule files under stages/ (their YAML, and the texts of
their examples). The merge target's seeds are made by the product itself (fuzz_pipeline
--write-seeds, in scripts/fuzz) plus tests/golden/graph.json, copied here.
"""
import hashlib
import json
import pathlib
import re
import sys

root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def files(*patterns):
    for p in patterns:
        yield from sorted(f for f in root.glob(p) if f.is_file())


# Texts: the corpus documents in paragraph-sized pieces and whole, the rule files' example texts
# and the test sources' sentences.
texts = []
for f in files("corpora/**/*.txt", "corpora/**/*.md", "tests/data/**/*.txt", "tests/data/**/*.md"):
    t = f.read_text(errors="replace")
    texts.append(t)
    texts += [p for p in t.split("\n\n") if p.strip()]
example = re.compile(r"""^\s*-?\s*text:\s*(['"])(.*)\1\s*$""")
for f in files("stages/*/*.yaml"):
    for line in f.read_text().splitlines():
        m = example.match(line)
        if m:
            texts.append(m.group(2).replace("''", "'") if m.group(1) == "'" else m.group(2))
literal = re.compile(r'"((?:[^"\\\n]|\\.){24,})"')
for f in files("tests/*_test.cc"):
    for m in literal.finditer(f.read_text()):
        s = m.group(1)
        if " " in s and "\\" not in s:
            texts.append(s)
texts = list(dict.fromkeys(texts))

for t in texts:
    put("pipeline", t)

# The reader: the first byte picks the kind (fuzz/fuzz_reader.cc).
for i, t in enumerate(texts[:400]):
    put("reader", b"\x01" + t.encode())
    put("reader", b"\x02# Title\n\n" + t.encode())
    if i < 100:
        record = {"id": f"d{i}", "text": t, "date": "2024-03-01", "title": "T"}
        put("reader", b"\x00" + (json.dumps(record) + "\n" + json.dumps({"id": i, "text": t[:40]}) + "\n").encode())
        put("reader", b"\x03" + json.dumps({"date": "2019-02-06", "title": "Plan"}).encode() + b"\x00" + t.encode())
        put("reader", b"\x04<html><head><title>T</title><meta name=\"date\" content=\"2025-03-04\"></head>"
            b"<body><nav>x</nav><article><h1>Head</h1><p>" + t.encode() + b"</p><ul><li>a</li></ul></article></body></html>")
for f in files("tests/data/**/*.json", "tests/data/**/*.jsonl", "corpora/**/*.jsonl"):
    data = f.read_bytes()
    put("reader", b"\x00" + data)
    put("reader", b"\x03" + data[:4096] + b"\x00Text.")

# The rule loader: every default rule file, whole.
for f in files("stages/*/*.yaml"):
    put("rules", f.read_bytes())

# The merge: a graph.json written by an earlier run (the product makes the rest).
for f in files("tests/golden/*.json"):
    put("merge", f.read_bytes())
