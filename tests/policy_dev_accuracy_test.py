#!/usr/bin/env python3
"""Accuracy on the policy-dev set (../shared/eval/policy-dev) against recorded floors: the graph's
facts (../shared/tools/facts.py: recall per relation and overall, precision over judged edges) and
the mentions (../shared/tools/score.py: relaxed and strict F1 per type). Fails when a score drops below its floor
in tests/data/accuracy_floors.json ("policy-dev"); skips with a message when ../shared is absent."""
import json, os, subprocess, sys, tempfile

binary = os.environ["PG_BINARY"]
source = os.environ["PG_SOURCE_DIR"]
shared = os.path.join(source, "..", "shared")
dev = os.path.join(shared, "eval", "policy-dev")
if not os.path.isdir(dev) or not os.path.isfile(os.path.join(shared, "tools", "facts.py")):
    print("SKIP: ../shared/eval/policy-dev or ../shared/tools is absent")
    sys.exit(0)

with open(os.path.join(source, "tests", "data", "accuracy_floors.json")) as f:
    floors = json.load(f)["policy-dev"]["floors"]

failures = []
with tempfile.TemporaryDirectory() as out:
    r = subprocess.run([binary, "run", os.path.join(dev, "docs"), "-o", out, "--quiet"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    facts = json.loads(subprocess.run(
        [sys.executable, os.path.join(shared, "tools", "facts.py"), os.path.join(out, "graph.json"),
         os.path.join(dev, "facts"), "--json"], capture_output=True, text=True, check=True).stdout)
    mentions = json.loads(subprocess.run(
        [sys.executable, os.path.join(shared, "tools", "score.py"), os.path.join(dev, "gold.jsonl"),
         os.path.join(out, "mentions.jsonl"), "--json"], capture_output=True, text=True, check=True).stdout)

for relation, floor in floors["facts_recall"].items():
    got = facts["recall"].get(relation, {}).get("recall") or 0.0
    print(f"facts recall {relation}: {got} (floor {floor})")
    if got + 1e-9 < floor:
        failures.append(f"facts recall {relation} {got} < {floor}")
got = facts["precision"]["ALL"]["precision"] or 0.0
print(f"facts precision ALL: {got} (floor {floors['facts_precision']})")
if got + 1e-9 < floors["facts_precision"]:
    failures.append(f"facts precision {got} < {floors['facts_precision']}")
for kind in ("relaxed", "strict"):
    for type_, floor in floors.get(f"mentions_{kind}_f1", {}).items():
        got = mentions.get(type_, {}).get(kind, {}).get("f1") or 0.0
        print(f"mentions {type_} {kind} F1: {got} (floor {floor})")
        if got + 1e-9 < floor:
            failures.append(f"mentions {type_} {kind} F1 {got} < {floor}")

assert not failures, "below the recorded floors:\n  " + "\n  ".join(failures)
print("OK")
