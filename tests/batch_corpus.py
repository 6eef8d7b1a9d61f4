#!/usr/bin/env python3
"""Test helper for the batch script tests (not a test itself).

  batch_corpus.py make DIR N        writes N generated documents (some with sidecars) into DIR
  batch_corpus.py jsonl DIR...      prints the .txt/.md documents under DIR as JSON Lines
                                    {"id", "text", "date", "title"} (date/title from sidecars)
"""
import json
import os
import sys

ORGS = ["the Ministry of Industry and Information Technology (MIIT)", "the European Commission",
        "the National Institute of Standards and Technology", "the State Council"]
PLACES = ["China", "Germany", "Japan", "the United States", "France", "Korea"]
SECTORS = ["aerospace", "semiconductor", "robotics", "biomedicine", "new energy vehicles"]


def make(out, n):
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        lines = [f"Policy brief {i}", ""]
        for k in range(3 + i % 5):
            org = ORGS[(i + k) % len(ORGS)]
            place = PLACES[(i * 3 + k) % len(PLACES)]
            sector = SECTORS[(i + 2 * k) % len(SECTORS)]
            lines.append(f"In {2010 + (i + k) % 15}, {org} of {place} announced {10 * (k + 1)} billion yuan "
                         f"for the {sector} industry, {(i * 7 + k) % 90 + 1} percent more than planned under "
                         f"Made in China 2025. About {k + 3} centers were opened.")
            if k % 2:
                lines.append("")
        ext = ".md" if i % 11 == 5 else ".txt"
        base = os.path.join(out, f"gen-{i:03d}")
        with open(base + ext, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        if i % 3 == 0:
            with open(base + ".meta.json", "w", encoding="utf-8") as f:
                json.dump({"date": f"20{10 + i % 10}-0{1 + i % 9}-15", "title": f"Brief number {i}"}, f)


def jsonl(dirs):
    paths = []
    for d in dirs:
        for root, _, files in os.walk(d):
            for name in files:
                if name.endswith((".txt", ".md")):
                    paths.append(os.path.join(root, name))
    for path in sorted(paths):
        stem = os.path.splitext(path)[0]
        rec = {"id": os.path.basename(stem)}
        with open(path, encoding="utf-8") as f:
            rec["text"] = f.read()
        if os.path.exists(stem + ".meta.json"):
            with open(stem + ".meta.json", encoding="utf-8") as f:
                meta = json.load(f)
            for key in ("date", "title"):
                if key in meta:
                    rec[key] = meta[key]
        print(json.dumps(rec, ensure_ascii=False))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "jsonl":
        jsonl(sys.argv[2:])
    else:
        sys.exit(__doc__)
