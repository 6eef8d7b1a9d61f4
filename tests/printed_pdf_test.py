#!/usr/bin/env python3
"""PDF and HTML as a real browser writes them give the text version's mentions.

Each text (corpora/nist, and ../shared/eval/policy-dev/docs when present) becomes an HTML page (its
paragraphs as <p>, its lines as <br>, a <title> and a <meta name="date">), which headless Chromium
prints to PDF: a PDF of the kind published documents are (subset fonts, kerned text, pages laid out
by a real engine), unlike the plain ones tests/make_pdf.py writes. `policygraph run` over the text,
the page and the PDF must find the same mentions (type and text, and the value of every mention but
a date's, whose reference date differs: the PDF's is the day it was printed); every PDF mention has a
page, pages grow with the offsets, the PDF's title and date come from its metadata and the page's
from its <title> and <meta>. Skipped when Chromium is absent.
"""
import collections
import datetime
import html
import json
import os
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


def to_html(text, title, date):
    paras = [p for p in text.split("\n\n") if p.strip()]
    body = "".join("<p>" + "<br>".join(html.escape(" ".join(line.split())) for line in p.split("\n")) + "</p>\n"
                   for p in paras)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="date" content="{date}"></head>'
            f'<body style="font-family:serif;font-size:12pt;margin:2cm">{body}</body></html>')


def print_pdf(page, pdf, work):
    profile = tempfile.mkdtemp(dir=work)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           "--disable-extensions", "--disable-background-networking", "--disable-component-update",
           f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + page]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    return os.path.exists(pdf) and os.path.getsize(pdf) > 1000, r.stderr[-500:]


def mentions_by_doc(out):
    docs = collections.defaultdict(list)
    with open(os.path.join(out, "mentions.jsonl"), encoding="utf-8") as f:
        for line in f:
            docs[json.loads(line)["doc"]].append(json.loads(line))
    return docs


def key(m):
    value = None if m["type"] == "DATE" else json.dumps(m.get("value"), sort_keys=True)
    return (m["type"], " ".join(m["text"].split()), value)


def compare(name, text_ms, other_ms, what):
    a = collections.Counter(map(key, text_ms))
    b = collections.Counter(map(key, other_ms))
    check(f"{name}: the {what} gives the text's mentions", a == b and len(a) > 0,
          f"(text only {sorted((a - b).elements())[:4]}, {what} only {sorted((b - a).elements())[:4]})")


def main():
    if not CHROMIUM:
        print("printed_pdf_test: skipped (no chromium)")
        return 0
    texts = [os.path.join(SRC, "corpora/nist/nist-mic-summary.txt")]
    dev = os.path.join(SRC, "../shared/eval/policy-dev/docs")
    if os.path.isdir(dev):
        texts += sorted(os.path.join(dev, f) for f in os.listdir(dev) if f.endswith(".txt"))
    else:
        print("printed_pdf_test: ../shared/eval/policy-dev absent, the bundled corpus only")
    today = {datetime.date.today().isoformat(), datetime.datetime.now(datetime.timezone.utc).date().isoformat()}
    with tempfile.TemporaryDirectory() as work:
        ins = os.path.join(work, "in")
        os.makedirs(ins)
        for t in texts:
            stem = os.path.splitext(os.path.basename(t))[0]
            with open(t, encoding="utf-8") as f:
                text = f.read()
            shutil.copy(t, os.path.join(ins, stem + ".txt"))
            page = os.path.join(ins, stem + "-page.html")
            with open(page, "w", encoding="utf-8") as f:
                f.write(to_html(text, f"Title of {stem}", "2025-03-04"))
            ok, err = print_pdf(page, os.path.join(ins, stem + "-printed.pdf"), work)
            check(f"{stem}: Chromium printed a PDF", ok, err)
        out = os.path.join(work, "out")
        r = subprocess.run([PG, "run", ins, "-o", out, "--quiet"], capture_output=True, text=True)
        check("one run over text, HTML and PDF exits 0", r.returncode == 0, r.stderr[-800:])
        if r.returncode != 0:
            return 1
        docs = mentions_by_doc(out)
        with open(os.path.join(out, "graph.json"), encoding="utf-8") as f:
            nodes = {n["id"]: n for n in json.load(f)["nodes"]}
        for t in texts:
            stem = os.path.splitext(os.path.basename(t))[0]
            compare(stem, docs[stem], docs[stem + "-page"], "HTML page")
            compare(stem, docs[stem], docs[stem + "-printed"], "printed PDF")
            pdf = docs[stem + "-printed"]
            pages = [m.get("page") for m in pdf]
            check(f"{stem}: every PDF mention has a page", all(isinstance(p, int) and p >= 1 for p in pages))
            check(f"{stem}: pages grow with the offsets", pages == sorted(pages))
            check(f"{stem}: no page in a text or HTML mention", not any("page" in m for m in docs[stem] + docs[stem + "-page"]))
            pdf_node = nodes.get(f"DOCUMENT:{stem}-printed", {})
            page_node = nodes.get(f"DOCUMENT:{stem}-page", {})
            check(f"{stem}: the PDF's title from its metadata", pdf_node.get("label") == f"Title of {stem}", str(pdf_node))
            check(f"{stem}: the PDF's date is the day it was printed", pdf_node.get("attrs", {}).get("date") in today,
                  str(pdf_node))
            check(f"{stem}: the page's title and date from <title> and <meta>",
                  page_node.get("label") == f"Title of {stem}" and page_node.get("attrs", {}).get("date") == "2025-03-04",
                  str(page_node))
        longest = max(max((m.get("page", 0) for m in docs[os.path.splitext(os.path.basename(t))[0] + "-printed"]),
                          default=0) for t in texts)
        check("some printed PDF has mentions past its first page", longest >= 2, f"(last page {longest})")
    print(f"printed_pdf_test: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
