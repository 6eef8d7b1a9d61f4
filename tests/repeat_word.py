#!/usr/bin/env python3
"""Writes WORD repeated to at least BYTES bytes into OUT: one sentence (MODE one) or sentences of
12 words (MODE many). Pathological input for tests/pathological_test.sh and bench/linearity.sh.

Usage: repeat_word.py WORD BYTES MODE OUT
"""
import sys

word, size, mode, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
parts, n, k = [], 0, 0
while n < size:
    k += 1
    s = word + (". " if mode == "many" and k % 12 == 0 else " ")
    parts.append(s)
    n += len(s)
with open(out, "w", encoding="utf-8") as f:
    f.write("".join(parts).rstrip() + "\n")
