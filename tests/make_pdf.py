#!/usr/bin/env python3
"""Writes small test PDFs (standard library only): text laid out in Courier, wrapped and paged, with
optional running header, page numbers, hyphenation at line ends, Info metadata; or a locked
(encrypted), an image-only or a many-page PDF. Used by the PDF reader tests and tests/cli_test.sh.

  make_pdf.py OUT --text FILE [--title T] [--date YYYY-MM-DD] [--header H] [--page-numbers]
              [--hyphenate] [--width CHARS] [--lines LINES_PER_PAGE]
  make_pdf.py OUT --pages N          # N pages, one short line each (three lines in turn)
  make_pdf.py OUT --image-only       # one page with an image and no text
  make_pdf.py OUT --encrypted --text FILE
"""
import argparse

FONT_SIZE, LEADING, LEFT, TOP, PAGE_W, PAGE_H = 10, 12, 72, 720, 612, 792


def wrap(paragraph, width, hyphenate):
    """The paragraph's words in lines of at most `width` characters; with `hyphenate`, a long word
    that does not fit is split with a hyphen when at least 4 letters fit and 4 remain."""
    lines, line = [], ""
    for word in paragraph.split():
        sep = " " if line else ""
        if len(line) + len(sep) + len(word) <= width:
            line += sep + word
            continue
        room = width - len(line) - len(sep) - 1
        if hyphenate and word.isalpha() and room >= 4 and len(word) - room >= 4:
            lines.append(line + sep + word[:room] + "-")
            line = word[room:]
            continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def layout(text, width, per_page, hyphenate):
    """Pages of lines; paragraphs (blank-line separated) are separated by an empty line."""
    lines = []
    for para in [p for p in text.split("\n\n") if p.strip()]:
        if lines:
            lines.append("")
        lines.extend(wrap(para, width, hyphenate))
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    return [[l for l in p] for p in pages] or [[]]


def pdf_string(s):
    data = s.encode("cp1252")
    return "(" + data.decode("latin-1").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def text_ops(x, y, s):
    return "BT /F1 %d Tf %d %d Td %s Tj ET\n" % (FONT_SIZE, x, y, pdf_string(s))


def page_content(lines, number, args):
    ops = ""
    if args.header:
        ops += text_ops(LEFT, PAGE_H - 50, args.header)
    for i, line in enumerate(lines):
        if line:
            ops += text_ops(LEFT, TOP - i * LEADING, line)
    if args.page_numbers:
        ops += text_ops(PAGE_W // 2 - 20, 40, "Page %d" % number)
    return ops


def pdf_date(date):
    return "D:" + date.replace("-", "") + "120000Z"


def write_pdf(path, contents, args):
    """One page per content stream (contents may repeat the same stream object for every page)."""
    objects = []  # bodies, object i+1

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_obj = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    streams = {}
    kids = []
    for content in contents:
        if content not in streams:
            data = content.encode("latin-1")
            streams[content] = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >> "
                         "/Contents %d 0 R >>" % (pages_obj, PAGE_W, PAGE_H, font, streams[content])).encode()))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = ("<< /Type /Pages /Kids [%s] /Count %d >>" %
                              (" ".join("%d 0 R" % k for k in kids), len(kids))).encode()
    info_items = ""
    if args.title:
        info_items += "/Title %s " % pdf_string(args.title)
    if args.date:
        info_items += "/CreationDate (%s) " % pdf_date(args.date)
    info = add(("<< %s>>" % info_items).encode())
    encrypt = None
    if args.encrypted:  # a user password is needed: the /U entry matches no empty password
        encrypt = add(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> /P -44 >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R" % (len(objects) + 1, catalog, info)
    if encrypt:
        trailer += " /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt, "00" * 16, "00" * 16)
    out += (trailer + " >>\nstartxref\n%d\n%%%%EOF\n" % xref).encode()
    with open(path, "wb") as f:
        f.write(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--text")
    ap.add_argument("--title")
    ap.add_argument("--date")
    ap.add_argument("--header")
    ap.add_argument("--page-numbers", action="store_true")
    ap.add_argument("--hyphenate", action="store_true")
    ap.add_argument("--width", type=int, default=72)
    ap.add_argument("--lines", type=int, default=50)
    ap.add_argument("--pages", type=int)
    ap.add_argument("--image-only", action="store_true")
    ap.add_argument("--encrypted", action="store_true")
    args = ap.parse_args()
    if args.pages:
        # Three pages' texts in turn: none recurs on half the pages (no running header to drop).
        texts = ["A short page.", "Made in China 2025 is a plan.", "The centers got 12 percent."]
        contents = [text_ops(LEFT, TOP, texts[i % 3]) for i in range(args.pages)]
    elif args.image_only:
        contents = ["q 200 0 0 200 72 500 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q\n"]
    else:
        with open(args.text, encoding="utf-8") as f:
            pages = layout(f.read(), args.width, args.lines, args.hyphenate)
        contents = [page_content(lines, n + 1, args) for n, lines in enumerate(pages)]
    write_pdf(args.out, contents, args)


if __name__ == "__main__":
    main()
