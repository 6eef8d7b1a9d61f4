#!/usr/bin/env python3
"""The GeoNames towns lexicons generated at build time (stages/places/geonames_cities.py, see
cmake/geonames.cmake): both are there and sizable, keep out what the gazetteer has, English words
and common person names, and hold the spellings news texts use; and the binary finds such towns
while the guards keep out words, names and longer names."""
import json, os, subprocess, sys, tempfile

binary = os.environ["PG_BINARY"]
source = os.environ["PG_SOURCE_DIR"]
generated = os.path.join(os.path.dirname(binary), "generated", "rules", "stages", "places")
failures = []


def rows(name):
    out = {}
    with open(os.path.join(generated, name), encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                if header != ["value", "aliases", "iso2", "kind", "region"]:
                    failures.append(f"{name}: header {header}")
                continue
            out[cols[0]] = dict(zip(header, cols))
    return out


alone, cued = rows("geonames_cities.tsv"), rows("geonames_cities_cued.tsv")
for name, lex, least in (("alone", alone, 3000), ("cued", cued, 500)):
    if len(lex) < least:
        failures.append(f"{name}: {len(lex)} towns, fewer than {least}")
towns = {**cued, **alone}
for word in ("Mobile", "Reading", "Bath", "Hope", "Union", "Independence", "Commerce", "Jackson", "Madison",
             "Lincoln", "Baghdad", "Georgia", "Washington"):
    if word in alone or (word in cued and word != "Lincoln"):  # "in Lincoln" (Nebraska) is a town
        failures.append(f"{word} is in a GeoNames lexicon")
for town, alias in (("Samarra", None), ("Baqubah", "Baquba"), ("Darayya", "Daraya"), ("Jablah", "Jabla")):
    if town not in towns:
        failures.append(f"{town} is missing")
    elif alias and alias not in towns[town]["aliases"].split("|"):
        failures.append(f"{town} lacks the alias {alias}")
if "Samarra" in towns and (towns["Samarra"]["iso2"], towns["Samarra"]["kind"]) != ("IQ", "city"):
    failures.append(f"Samarra: {towns['Samarra']}")

text = ("Aid reached Samarra and Baquba on Monday. Fighting near Chattanooga went on. "
        "Mobile Energy Union will meet in May. Mr. Kharkiv spoke. The Goma Accord holds.\n")
with tempfile.TemporaryDirectory() as tmp:
    doc = os.path.join(tmp, "d.txt")
    with open(doc, "w", encoding="utf-8") as f:
        f.write(text)
    r = subprocess.run([binary, "run", doc, "-o", os.path.join(tmp, "out"), "--quiet"], capture_output=True, text=True)
    if r.returncode != 0:
        failures.append(f"run failed: {r.stderr}")
    else:
        with open(os.path.join(tmp, "out", "mentions.jsonl"), encoding="utf-8") as f:
            gpe = {(m["text"], m["value"]) for m in map(json.loads, f) if m["type"] == "GPE"}
        want = {("Samarra", "Samarra"), ("Baquba", "Baqubah"), ("Chattanooga", "Chattanooga")}
        if gpe != want:
            failures.append(f"GPE {sorted(gpe)}, want {sorted(want)}")

for f in failures:
    print("FAIL:", f)
print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
sys.exit(1 if failures else 0)
