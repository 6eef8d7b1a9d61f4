#!/usr/bin/env python3
"""The HTML report as a person sees it, and the DOT as Graphviz reads it.

Runs `policygraph run --format html` on corpora/ and on ../shared/eval/policy-dev/docs (skipped when
absent), opens report.html in headless Chromium (the DOM after its script ran, a screenshot, the
console) and checks: a highlighted mention per line of mentions.jsonl, a table row per edge of
graph.json, the MENTIONS edges hidden, no console error, nothing loaded from the network, hostile
text shown as text, and, a document picked in the menu, only its relations and text shown. Then graph.dot: Graphviz draws it, MENTIONS edges only with --dot-mentions, a
legend. PG_REPORT_SCREENSHOTS=DIR keeps the screenshots (report-NAME.png).
"""
import collections
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PG = os.environ["PG_BINARY"]
SRC = os.environ["PG_SOURCE_DIR"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
failures = []
passed = 0


def check(name, ok, detail=""):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(name)
        print(f"FAIL: {name} {detail}".rstrip(), file=sys.stderr)


class ReportParser(html.parser.HTMLParser):
    """Counts what the checks need: marks per document section, table rows, scripts, resources."""

    def __init__(self):
        super().__init__()
        self.section = None  # the data-doc of the document section being read
        self.marks = collections.defaultdict(set)  # doc -> data-m values
        self.rows = []  # (data-source, data-key, data-target, class)
        self.scripts = 0
        self.external = []  # src/href that leave the file
        self.body_attrs = {}
        self.sections = []  # (data-doc, hidden)
        self.svg_groups = collections.Counter()  # class of <g> in the drawing -> count
        self.hidden_edges = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "body":
            self.body_attrs = a
        if tag == "section" and "doc" in cls:
            self.section = a.get("data-doc")
            self.sections.append((self.section, "hidden" in cls))
        if tag == "mark" and "m" in cls and self.section is not None:
            self.marks[self.section].add(a.get("data-m"))
        if tag == "tr" and "rel" in cls:
            self.rows.append((a.get("data-source"), a.get("data-key"), a.get("data-target"), tuple(cls)))
        if tag == "script":
            self.scripts += 1
            if a.get("src"):
                self.external.append(a["src"])
        if tag == "link" or (tag in ("img", "iframe") and a.get("src")):
            self.external.append(a.get("href") or a.get("src"))
        for key in ("src", "href"):
            v = a.get(key) or ""
            if v.startswith(("http:", "https:", "//")):
                self.external.append(v)
        if tag == "g" and "edge" in cls:
            self.svg_groups["mentions" if "mentions" in cls else "edge"] += 1
            if "hidden" in cls:
                self.hidden_edges += 1
        if tag == "g" and "node" in cls:
            self.svg_groups["node"] += 1


def parse(text):
    p = ReportParser()
    p.feed(text)
    return p


def run_pg(args, timeout=120):
    return subprocess.run([PG] + args, capture_output=True, text=True, timeout=timeout)


def chromium(args, out_dir, timeout=45):
    """Runs headless Chromium with a throwaway profile; returns (stdout, stderr)."""
    profile = tempfile.mkdtemp(dir=out_dir)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--mute-audio", f"--user-data-dir={profile}",
           "--enable-logging=stderr", "--v=0"] + args
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return r.stdout, r.stderr


def console_errors(stderr):
    """Chromium logs every console message as INFO:CONSOLE, errors included; the report logs none."""
    return [line for line in stderr.splitlines() if "Uncaught" in line or ":CONSOLE" in line]


def expected_marks(out):
    counts = collections.Counter()
    with open(os.path.join(out, "mentions.jsonl"), encoding="utf-8") as f:
        for line in f:
            counts[json.loads(line)["doc"]] += 1
    return counts


def expected_rows(out):
    with open(os.path.join(out, "graph.json"), encoding="utf-8") as f:
        g = json.load(f)
    return {(e["source"], e["key"], e["target"]) for e in g["edges"]}, g


def check_report_file(name, out):
    """What the file holds before any browser: every mention, every edge, no network."""
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        p = parse(f.read())
    want = expected_marks(out)
    for doc, n in want.items():
        check(f"{name}: {doc}: a highlighted mention per mentions.jsonl line", len(p.marks.get(doc, ())) == n,
              f"(report {len(p.marks.get(doc, ()))}, mentions.jsonl {n})")
    rows, g = expected_rows(out)
    got = {(s, k, t) for s, k, t, _ in p.rows}
    check(f"{name}: a table row per graph.json edge", got == rows and len(p.rows) == len(rows),
          f"(missing {sorted(rows - got)[:3]}, extra {sorted(got - rows)[:3]})")
    check(f"{name}: nothing loaded from elsewhere", not p.external, str(p.external[:3]))
    drawn = p.svg_groups["node"]
    check(f"{name}: every node drawn", drawn == len(g["nodes"]), f"({drawn} of {len(g['nodes'])})")
    return p, want, rows


def check_in_browser(name, out, want, rows, shots):
    url = "file://" + os.path.abspath(os.path.join(out, "report.html"))
    png = os.path.join(out, f"report-{name}.png")
    # One launch: the DOM after the script ran, the console, and a screenshot.
    dom, err = chromium([f"--screenshot={png}", "--window-size=1400,1800", "--hide-scrollbars", "--dump-dom", url], out)
    p = parse(dom)
    check(f"{name}: the report's script ran to its end", p.body_attrs.get("data-ready") == "1")
    check(f"{name}: no console error", not console_errors(err), "\n".join(console_errors(err)[:5]))
    for doc, n in want.items():
        check(f"{name}: {doc}: highlighted mentions in the browser", len(p.marks.get(doc, ())) == n)
    check(f"{name}: every relation in the browser's table", {(s, k, t) for s, k, t, _ in p.rows} == rows)
    check(f"{name}: MENTIONS edges hidden by default", "show-mentions" not in (p.body_attrs.get("class") or ""))
    ok = os.path.exists(png) and os.path.getsize(png) > 20000
    check(f"{name}: screenshot taken", ok, err[-500:] if not ok else "")
    if ok and shots:
        os.makedirs(shots, exist_ok=True)
        shutil.copy(png, os.path.join(shots, f"report-{name}.png"))


def check_document_filter(name, out):
    """Picks the first document in the menu, as a person would: the table keeps that document's
    relations only, the other documents' texts are hidden, the drawing is cropped."""
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        page = f.read()
    pick = ('<script>var s = document.getElementById("doc-filter"); s.value = s.options[1].value;'
            's.dispatchEvent(new Event("change"));'
            'document.body.setAttribute("data-picked", s.options[1].textContent);'
            'document.body.setAttribute("data-viewbox", document.querySelector("#graph svg").getAttribute("viewBox"));'
            '</script>')
    at = page.rfind("</body>")
    path = os.path.join(out, "report-picked.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page[:at] + pick + page[at:])
    dom, err = chromium(["--dump-dom", "file://" + os.path.abspath(path)], out)
    p = parse(dom)
    doc = p.body_attrs.get("data-picked")
    check(f"{name}: a document picked in the menu", doc is not None and p.body_attrs.get("data-ready") == "1",
          "\n".join(console_errors(err)[:3]))
    with open(os.path.join(out, "graph.json"), encoding="utf-8") as f:
        g = json.load(f)
    docs_of = {(e["source"], e["key"], e["target"]): {ev["doc"] for ev in e["evidence"]} for e in g["edges"]}
    wrong = [(s, k, t) for s, k, t, cls in p.rows if ("hidden" not in cls) != (doc in docs_of[(s, k, t)])]
    check(f"{name}: the table keeps the picked document's relations only", not wrong and len(p.rows) == len(docs_of),
          str(wrong[:3]))
    check(f"{name}: the other documents' texts are hidden",
          all(hidden == (d != doc) for d, hidden in p.sections) and len(p.sections) > 1)
    whole = re.search(r'<svg [^>]*viewBox="([^"]*)"', page)
    cropped = p.body_attrs.get("data-viewbox") or ""
    check(f"{name}: the drawing is cropped to the picked document",
          whole is not None and cropped and cropped != whole.group(1), f"({cropped!r})")


def check_corpus(name, corpus, tmp, shots):
    out1, out2 = os.path.join(tmp, name + "1"), os.path.join(tmp, name + "2")
    r = run_pg(["run", corpus, "-o", out1, "--format", "mentions,json,html", "--threads", "2", "--quiet"])
    check(f"{name}: run --format html exits 0", r.returncode == 0, r.stderr[-500:])
    if r.returncode != 0:
        return
    run_pg(["run", corpus, "-o", out2, "--format", "mentions,json,html", "--threads", "1", "--quiet"])
    with open(os.path.join(out1, "report.html"), "rb") as a, open(os.path.join(out2, "report.html"), "rb") as b:
        check(f"{name}: report.html is the same with 1 and 2 threads", a.read() == b.read())
    check(f"{name}: no temporary left", sorted(os.listdir(out1)) == ["graph.json", "mentions.jsonl", "report.html"],
          str(os.listdir(out1)))
    _, want, rows = check_report_file(name, out1)
    if CHROMIUM:
        check_in_browser(name, out1, want, rows, shots)
        if len(want) > 1:
            check_document_filter(name, out1)


def check_hostile(tmp):
    """Text, ids and values that are HTML or script stay text."""
    docs = os.path.join(tmp, "hostile")
    os.makedirs(docs)
    text = ("China invested $5 billion in semiconductors </script><script>window.pwned=1</script> in 2025.\n"
            "<img src=x onerror=\"window.pwned=2\"> & Made in China 2025 targets robotics. '\"<!--\n")
    with open(os.path.join(docs, "a&b <i>\"x\".txt"), "w", encoding="utf-8") as f:
        f.write(text)
    out = os.path.join(tmp, "hostile-out")
    r = run_pg(["run", docs, "-o", out, "--format", "mentions,json,html", "--quiet"])
    check("hostile: run exits 0", r.returncode == 0, r.stderr[-500:])
    if r.returncode != 0:
        return
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        p = parse(f.read())
    check("hostile: only the report's own two scripts", p.scripts == 2, f"({p.scripts})")
    check("hostile: no image", not any("x" == e for e in p.external))
    _, want, rows = check_report_file("hostile", out)
    if CHROMIUM:
        dom, err = chromium(["--dump-dom", "file://" + os.path.abspath(os.path.join(out, "report.html"))], out)
        q = parse(dom)
        check("hostile: script ran, nothing injected", q.body_attrs.get("data-ready") == "1" and q.scripts == 2
              and "pwned" not in (q.body_attrs.get("class") or ""))
        check("hostile: the text is shown as text", "&lt;/script&gt;&lt;script&gt;window.pwned=1" in dom)
        check("hostile: no console error", not console_errors(err), "\n".join(console_errors(err)[:5]))


def check_dot(tmp):
    out = os.path.join(tmp, "dot")
    run_pg(["run", os.path.join(SRC, "corpora"), "-o", out, "--quiet"])
    with open(os.path.join(out, "graph.dot"), encoding="utf-8") as f:
        dot = f.read()
    check("dot: no MENTIONS edge by default", "MENTIONS" not in dot)
    check("dot: a legend", "subgraph cluster_legend" in dot)
    check("dot: attributes in edge labels", "GOAL\\nby 2025" in dot)
    check("dot: nodes shaped by type", "shape=folder" in dot and "shape=note" in dot)
    if shutil.which("dot"):
        r = subprocess.run(["dot", "-Tsvg", os.path.join(out, "graph.dot")], capture_output=True, text=True, timeout=60)
        check("dot: Graphviz draws graph.dot", r.returncode == 0 and "<svg" in r.stdout, r.stderr[-300:])
    else:
        print("skipped: dot -Tsvg (graphviz absent; scripts/setup installs it)")
    out_m = os.path.join(tmp, "dot-m")
    run_pg(["run", os.path.join(SRC, "corpora"), "-o", out_m, "--quiet", "--format", "json,dot", "--dot-mentions"])
    with open(os.path.join(out_m, "graph.dot"), encoding="utf-8") as f:
        check("dot: MENTIONS edges with --dot-mentions", '[label="MENTIONS"' in f.read())
    out_g = os.path.join(tmp, "dot-merge")
    r = run_pg(["merge", os.path.join(out_m, "graph.json"), "-o", out_g, "--quiet", "--format", "dot", "--dot-mentions"])
    with open(os.path.join(out_g, "graph.dot"), encoding="utf-8") as f:
        check("dot: merge --dot-mentions too", r.returncode == 0 and '[label="MENTIONS"' in f.read())
    r = run_pg(["merge", os.path.join(out_m, "graph.json"), "-o", out_g, "--quiet", "--format", "html"])
    check("merge: html is refused (a merge has no texts)", r.returncode != 0)


def main():
    shots = os.environ.get("PG_REPORT_SCREENSHOTS")
    if not CHROMIUM:
        print("skipped: the browser checks (chromium absent; scripts/setup installs it)")
    with tempfile.TemporaryDirectory() as tmp:
        check_corpus("nist", os.path.join(SRC, "corpora"), tmp, shots)
        dev = os.path.join(SRC, "..", "shared", "eval", "policy-dev", "docs")
        if os.path.isdir(dev):
            check_corpus("policy-dev", dev, tmp, shots)
        else:
            print(f"skipped: policy-dev ({dev} absent)")
        check_hostile(tmp)
        check_dot(tmp)
    print(f"report_test: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
