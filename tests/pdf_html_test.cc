// PDF and HTML input: layout (pages, headers and footers, hyphenation), metadata, encodings, the
// NIST summary as PDF and HTML giving the text version's mentions, and bad files reported.
// Test PDFs are made at test time by tests/make_pdf.py.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <regex>
#include <sstream>

#include "graph/fragment.h"
#include "graph/node_link.h"
#include "pipeline/batch/cache.h"
#include "pipeline/input/html_charset.h"
#include "pipeline/input/html_reader.h"
#include "pipeline/input/pdf_layout.h"
#include "pipeline/input/pdf_reader.h"
#include "pipeline/input/reader.h"
#include "pipeline/batch/runner.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

using testing::TempDir;
using testing::WriteFile;

const char kNist[] = "/corpora/nist/nist-mic-summary.txt";

// Runs tests/make_pdf.py OUT ARGS; true when it wrote the file.
bool MakePdf(const std::string& out, const std::string& args) {
  const std::string cmd = "python3 '" + testing::SourceDir() + "/tests/make_pdf.py' '" + out + "' " + args;
  return std::system(cmd.c_str()) == 0;
}

// The NIST text as the readers should give it: its paragraphs, white space collapsed.
std::string NormalizedParagraphs(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  std::string para, line;
  auto flush = [&] {
    if (para.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += para;
    para.clear();
  };
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string w;
    bool any = false;
    while (words >> w) {
      if (!para.empty()) para += ' ';
      para += w;
      any = true;
    }
    if (!any) flush();
  }
  flush();
  return out + "\n";
}

struct Seen {
  std::string type, value, text;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> MentionsOf(Document& doc, Annotations* ann_out = nullptr) {
  Annotations ann;
  Status s = testing::Defaults().pipeline->Process(doc, ann);
  EXPECT_TRUE(s.ok()) << s.message();
  std::vector<Seen> out;
  for (const Mention& m : ann.mentions) out.push_back({m.type, m.value.dump(), m.text});
  if (ann_out != nullptr) *ann_out = std::move(ann);
  return out;
}

Document NistText(const std::string& date) {
  auto doc = ReadDocumentFile(testing::SourceDir() + kNist);
  EXPECT_TRUE(doc.ok());
  Document d = std::move(doc).value();
  d.meta.date = date;
  d.meta.date_source = "test";
  return d;
}

std::string Escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '\'') out += "&#39;";
    else out += c;
  }
  return out;
}

// The NIST text as an HTML page with site chrome, hidden text and scripts around the article.
std::string NistHtml(const std::string& text) {
  std::string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\n  NIST  MIC\n</title>"
                     "<meta name=\"date\" content=\"2001-01-01\">"
                     "<meta property=\"article:published_time\" content=\"2025-03-04T09:30:00Z\">"
                     "<style>p { color: red } /* Made in China 2030 */</style>"
                     "<script>var plan = 'Made in China 2030';</script></head><body>"
                     "<nav><ul><li><a href=\"/\">Home</a></li><li>Made in China 2030</li></ul></nav>"
                     "<header>Site banner, 12 percent off</header><div hidden>45 percent hidden</div>"
                     "<article>";
  std::istringstream in(NormalizedParagraphs(text));
  std::string para;
  bool first = true;
  while (std::getline(in, para)) {
    if (para.empty()) continue;
    // Long paragraphs are wrapped in the source, as editors do; white space must collapse.
    for (size_t at = 60; at < para.size(); at += 60) {
      const size_t sp = para.find(' ', at);
      if (sp == std::string::npos) break;
      para[sp] = '\n';
      at = sp;
    }
    html += first ? "<h1>" + Escaped(para) + "</h1>\n" : "<p>" + Escaped(para) + "</p>\n";
    first = false;
  }
  return html + "<span aria-hidden=\"true\">99 percent</span></article>"
                "<footer>Copyright 2099, 50 percent</footer></body></html>";
}

// --- Layout ---------------------------------------------------------------------------------

PdfLine Line(const std::string& text, double top, double right = 500) { return {text, top, 10, 72, right}; }

TEST(PdfLayoutTest, GroupsWordsIntoLines) {
  std::vector<PdfWord> words = {{"Made", 72, 100, 24, 8, true},  {"in", 100, 100, 12, 8, true},
                                {"China", 116, 100, 30, 8, true},  {" ", 146, 100, 3, 8, false},
                                {"2025", 72, 112, 24, 8, false},
                                {"plans", 72, 124, 30, 8, false}, {"x", 20, 124.5, 6, 8, false}};
  std::vector<PdfLine> lines = GroupLines(words);
  ASSERT_EQ(lines.size(), 4u);  // "x" lies left of "plans": a new line (another column); " " is no word
  EXPECT_EQ(lines[0].text, "Made in China");
  EXPECT_EQ(lines[1].text, "2025");
  EXPECT_EQ(lines[0].right, 146);
}

TEST(PdfLayoutTest, ParagraphsHyphensAndPages) {
  std::vector<std::vector<PdfLine>> pages = {
      {Line("The centers support manufac-", 100), Line("turing and state-", 112), Line("Owned firms.", 124, 200),
       Line("A new paragraph that runs", 148), Line("to the right margin", 160, 500)},
      {Line("China again.", 100, 200)}};
  std::vector<uint32_t> starts;
  const std::string text = LayOutPages(pages, &starts);
  EXPECT_EQ(text, "The centers support manufacturing and state- Owned firms.\n\n"
                  "A new paragraph that runs to the right margin China again.\n");
  ASSERT_EQ(starts.size(), 2u);
  EXPECT_EQ(starts[0], 0u);
  EXPECT_EQ(text.substr(starts[1]), "China again.\n");
  // A page whose previous page ends short begins a paragraph.
  pages[0].back().right = 200;
  EXPECT_NE(LayOutPages(pages, &starts).find("margin\n\nChina again."), std::string::npos);
}

TEST(PdfLayoutTest, AHyphenTheDocumentWritesElsewhereIsKept) {
  // "coal-impacted" is written with its hyphen within a line: split at a line end, it keeps it;
  // "manufac-turing" is not, and "state-owned" is also written "stateowned": those are joined.
  const std::vector<std::vector<PdfLine>> pages = {
      {Line("Funds for coal-impacted towns and for coal-", 100), Line("impacted ones and manufac-", 112),
       Line("turing in state-", 124), Line("owned and stateowned firms.", 136, 200)}};
  std::vector<uint32_t> starts;
  EXPECT_EQ(LayOutPages(pages, &starts),
            "Funds for coal-impacted towns and for coal-impacted ones and manufacturing in stateowned and "
            "stateowned firms.\n");
}

TEST(PdfLayoutTest, RunningHeadersFootersAndPageNumbersAreDropped) {
  const char* bodies[] = {"Made in China 2025 was announced.", "It aims at 40 centers.", "By 2025 it has 33.",
                          "The plan goes on."};
  const char* ends[] = {"First end.", "Second end.", "Third end.", "Fourth end."};
  std::vector<std::vector<PdfLine>> pages;
  for (int p = 1; p <= 4; ++p) {
    pages.push_back({Line("NIST AMS 600-17", 40), Line(bodies[p - 1], 100), Line(ends[p - 1], 112),
                     Line("- " + std::to_string(p) + " -", 700)});
  }
  pages[0].erase(pages[0].begin());  // the first page has no header: 3 of 4 pages still do
  DropRunningLines(pages);
  ASSERT_EQ(pages[0].size(), 2u);
  EXPECT_EQ(pages[0][0].text, bodies[0]);
  EXPECT_EQ(pages[0][1].text, ends[0]);
  for (size_t p = 1; p < 4; ++p) {
    ASSERT_EQ(pages[p].size(), 2u) << p;
    EXPECT_EQ(pages[p][0].text, bodies[p]);
  }
  // On a single page nothing repeats: nothing is dropped.
  std::vector<std::vector<PdfLine>> one = {{Line("NIST AMS 600-17", 40), Line("Page 1", 700)}};
  DropRunningLines(one);
  EXPECT_EQ(one[0].size(), 2u);
}

TEST(PdfLayoutTest, PdfAndHtmlDates) {
  EXPECT_EQ(PdfDate("D:20250304120000Z"), "2025-03-04");
  EXPECT_EQ(PdfDate("D:20250304"), "2025-03-04");
  EXPECT_EQ(PdfDate("D:202503"), "2025-03");
  EXPECT_EQ(PdfDate("D:20251345"), "");
  EXPECT_EQ(PdfDate("yesterday"), "");
  EXPECT_EQ(HtmlDate("2025-03-04T09:30:00Z"), "2025-03-04");
  EXPECT_EQ(HtmlDate(" 2025-03-04 "), "2025-03-04");
  EXPECT_EQ(HtmlDate("2025-03"), "2025-03");
  EXPECT_EQ(HtmlDate("2025-02-30"), "");
  EXPECT_EQ(HtmlDate("March 4, 2025"), "");
}

// --- PDF ------------------------------------------------------------------------------------

TEST(PdfReaderTest, NistPdfGivesTheTextVersionsMentionsWithPages) {
  TempDir dir;
  const std::string pdf = dir / "nist.pdf";
  ASSERT_TRUE(MakePdf(pdf, "--text '" + testing::SourceDir() + kNist +
                               "' --title 'NIST MIC Report' --date 2025-03-04 --header 'NIST AMS 600-17' "
                               "--page-numbers --hyphenate --lines 30"));
  // The generator did split words with a hyphen at line ends, and put a header on every page.
  const std::string raw = testing::ReadFile(pdf);
  EXPECT_TRUE(std::regex_search(raw, std::regex("[a-z]-\\) Tj")));
  auto doc = ReadDocumentFile(pdf);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->id, "nist");
  EXPECT_EQ(doc->meta.title, "NIST MIC Report");
  EXPECT_EQ(doc->meta.date, "2025-03-04");
  EXPECT_EQ(doc->meta.date_source, "pdf");
  ASSERT_EQ(doc->page_starts.size(), 3u);
  EXPECT_EQ(doc->text, NormalizedParagraphs(testing::ReadFile(testing::SourceDir() + kNist)));

  Document text = NistText("2025-03-04");
  Annotations ann;
  const std::vector<Seen> from_pdf = MentionsOf(*doc, &ann);
  EXPECT_EQ(from_pdf, MentionsOf(text));
  ASSERT_FALSE(ann.mentions.empty());
  EXPECT_EQ(ann.mentions.front().page, 1);
  EXPECT_EQ(ann.mentions.back().page, 3);
  for (const Mention& m : ann.mentions) {
    EXPECT_EQ(m.page, doc->PageAt(m.span.start));
    EXPECT_GE(m.span.start, doc->page_starts[static_cast<size_t>(m.page - 1)]);
  }
  // mentions.jsonl lines and graph evidence carry the page; a text document's do not.
  const std::string lines = RenderMentions(*doc, ann);
  EXPECT_NE(lines.find(",\"page\":3}"), std::string::npos);
  const std::string graph = ToNodeLink(BuildFragment(*doc, ann), Json::object()).dump();
  EXPECT_NE(graph.find("\"page\":2"), std::string::npos);
  Annotations text_ann;
  MentionsOf(text, &text_ann);
  EXPECT_EQ(RenderMentions(text, text_ann).find("\"page\""), std::string::npos);
  // The page map is part of a cache key: a text document with the same text is another entry.
  DocumentCache cache(dir / "cache", "salt");
  Document same_text = *doc;
  same_text.page_starts.clear();
  EXPECT_NE(cache.KeyOf(*doc), cache.KeyOf(same_text));
}

TEST(PdfReaderTest, SidecarWinsOverPdfMetadata) {
  TempDir dir;
  WriteFile(dir / "t.txt", "The plan invests 12 percent.\n");
  ASSERT_TRUE(MakePdf(dir / "r.pdf", "--text '" + (dir / "t.txt") + "' --title T --date 2024-05-06"));
  WriteFile(dir / "r.meta.json", R"({"date": "2023-01-02", "title": "From the sidecar"})");
  auto doc = ReadDocumentFile(dir / "r.pdf");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->meta.date, "2023-01-02");
  EXPECT_EQ(doc->meta.date_source, "sidecar");
  EXPECT_EQ(doc->meta.title, "From the sidecar");
  EXPECT_EQ(doc->text, "The plan invests 12 percent.\n");
}

TEST(PdfReaderTest, BadPdfsAreErrorsThatNameTheFile) {
  TempDir dir;
  WriteFile(dir / "t.txt", "Some text on a page.\n");
  ASSERT_TRUE(MakePdf(dir / "good.pdf", "--text '" + (dir / "t.txt") + "'"));
  const std::string good = testing::ReadFile(dir / "good.pdf");
  WriteFile(dir / "empty.pdf", "");
  WriteFile(dir / "truncated.pdf", good.substr(0, good.size() / 2));
  WriteFile(dir / "text.pdf", "just some text, not a PDF\n");
  ASSERT_TRUE(MakePdf(dir / "locked.pdf", "--encrypted --text '" + (dir / "t.txt") + "'"));
  ASSERT_TRUE(MakePdf(dir / "scan.pdf", "--image-only"));
  const std::pair<const char*, const char*> cases[] = {
      {"empty.pdf", "empty file (0 bytes)"},
      {"truncated.pdf", "truncated PDF"},
      {"text.pdf", "not a PDF"},
      {"locked.pdf", "encrypted PDF"},
      {"scan.pdf", "PDF without text"},
  };
  for (const auto& [name, why] : cases) {
    auto doc = ReadDocumentFile(dir / name);
    ASSERT_FALSE(doc.ok()) << name;
    EXPECT_NE(doc.status().message().find(dir / name), std::string::npos) << doc.status().message();
    EXPECT_NE(doc.status().message().find(why), std::string::npos) << doc.status().message();
  }
  EXPECT_TRUE(ReadDocumentFile(dir / "good.pdf").ok());
  // --max-bytes applies to the PDF file.
  auto big = ReadDocumentFile(dir / "good.pdf", 100);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("(--max-bytes)"), std::string::npos);
}

TEST(PdfReaderTest, TenThousandPagesAreRefusedQuickly) {
  TempDir dir;
  ASSERT_TRUE(MakePdf(dir / "long.pdf", "--pages 10000"));
  const auto start = std::chrono::steady_clock::now();
  auto doc = ReadDocumentFile(dir / "long.pdf");
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kResourceExhausted);
  EXPECT_NE(doc.status().message().find("long.pdf: 10000 pages, over the limit of 2000 (--max-pages)"),
            std::string::npos)
      << doc.status().message();
  EXPECT_LT(secs, 10.0);
  ReadLimits limits;
  limits.max_pages = 10000;
  auto read = ReadDocumentFile(dir / "long.pdf", limits);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->page_starts.size(), 10000u);
  EXPECT_EQ(read->PageAt(static_cast<uint32_t>(read->text.size() - 2)), 10000);
}

// --- HTML -----------------------------------------------------------------------------------

TEST(HtmlReaderTest, NistHtmlGivesTheTextVersionsMentions) {
  TempDir dir;
  const std::string nist = testing::ReadFile(testing::SourceDir() + kNist);
  WriteFile(dir / "nist.html", NistHtml(nist));
  auto doc = ReadDocumentFile(dir / "nist.html");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->meta.title, "NIST MIC");
  EXPECT_EQ(doc->meta.date, "2025-03-04");
  EXPECT_EQ(doc->meta.date_source, "html");
  EXPECT_TRUE(doc->page_starts.empty());
  EXPECT_EQ(doc->text, NormalizedParagraphs(nist));
  Document text = NistText("2025-03-04");
  Annotations ann;
  EXPECT_EQ(MentionsOf(*doc, &ann), MentionsOf(text));
  EXPECT_EQ(RenderMentions(*doc, ann).find("\"page\""), std::string::npos);
}

TEST(HtmlReaderTest, VisibleTextBlocksAndEntities) {
  Document doc;
  doc.source = "x.html";
  ASSERT_TRUE(ReadHtml("<p>Caf&eacute; &amp; co&nbsp;&lt;3</p><ul><li>one<li>two</ul>a<br>b"
                       "<table><tr><td>c1<td>c2</table><div style=\"display: none\">gone</div>"
                       "<template>t</template><noscript>n</noscript><p role=navigation>menu</p>"
                       "<pre>x  y\nz</pre><footer>f</footer>",
                       doc)
                  .ok());
  EXPECT_EQ(doc.text, "Caf\xC3\xA9 & co <3\n\none\ntwo\n\na\nb\n\nc1\nc2\n\nx y\nz\n");
  EXPECT_TRUE(doc.meta.date.empty());
}

TEST(HtmlReaderTest, DateCandidatesInOrderFirstValidWins) {
  Document doc;
  doc.source = "x.html";
  ASSERT_TRUE(ReadHtml("<meta property=\"article:published_time\" content=\"2025-13-45\">"
                       "<meta name=\"DC.date\" content=\"not a date\"><meta name=\"date\" content=\"2019-07-08\">"
                       "<p>Text <time datetime=\"2018-01-01\">then</time></p>",
                       doc)
                  .ok());
  EXPECT_EQ(doc.meta.date, "2019-07-08");
  Document dc;
  dc.source = "y.html";
  ASSERT_TRUE(ReadHtml("<meta name=\"dc.date\" content=\"2017-06-07\"><p>x <time datetime=\"2018-01-01\">t</time>", dc).ok());
  EXPECT_EQ(dc.meta.date, "2017-06-07");
  Document time;
  time.source = "z.html";
  ASSERT_TRUE(ReadHtml("<p>Posted <time datetime=\"2016-02-29T10:00\">then</time></p>", time).ok());
  EXPECT_EQ(time.meta.date, "2016-02-29");
}

TEST(HtmlReaderTest, DeclaredEncodingsAreConverted) {
  EXPECT_EQ(SniffHtmlCharset("<meta charset=\"Shift_JIS\">"), "shift_jis");
  EXPECT_EQ(SniffHtmlCharset("<META http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>"),
            "windows-1252");
  EXPECT_EQ(SniffHtmlCharset("\xFF\xFE<\0p\0>\0"), "utf-16le");
  EXPECT_EQ(SniffHtmlCharset("<p>no declaration</p>"), "");
  EXPECT_EQ(SniffHtmlCharset("<meta charset=utf-16le><p>x"), "utf-8");  // ASCII that says UTF-16
  TempDir dir;
  WriteFile(dir / "cp1252.html", "<meta charset=windows-1252><p>China\x92s plan costs \x80 5 billion.</p>");
  auto doc = ReadDocumentFile(dir / "cp1252.html");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "China\xE2\x80\x99s plan costs \xE2\x82\xAC 5 billion.\n");
  // Shift_JIS: 中国 (0x92 0x86 0x8D 0x91).
  WriteFile(dir / "sjis.htm", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>\x92\x86\x8D\x91</p>");
  auto sjis = ReadDocumentFile(dir / "sjis.htm");
  ASSERT_TRUE(sjis.ok()) << sjis.status().message();
  EXPECT_EQ(sjis->text, "\xE4\xB8\xAD\xE5\x9B\xBD\n");
  const std::string utf16 = std::string("\xFF\xFE", 2) + std::string("<\0p\0>\0O\0K\0", 10);
  WriteFile(dir / "utf16.html", utf16);
  auto wide = ReadDocumentFile(dir / "utf16.html");
  ASSERT_TRUE(wide.ok()) << wide.status().message();
  EXPECT_EQ(wide->text, "OK\n");
  WriteFile(dir / "bad.html", "<p>caf\xE9</p>");  // Latin-1 bytes, no declaration
  auto bad = ReadDocumentFile(dir / "bad.html");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad.html: invalid UTF-8 at byte 6"), std::string::npos)
      << bad.status().message();
  WriteFile(dir / "unknown.html", "<meta charset=\"x-no-such-charset\"><p>x</p>");
  auto unknown = ReadDocumentFile(dir / "unknown.html");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown.html: unknown character encoding 'x-no-such-charset'"),
            std::string::npos)
      << unknown.status().message();
}

// --- Together -------------------------------------------------------------------------------

TEST(InputFormatsTest, MixedFolderRunsAsOneBatch) {
  TempDir dir;
  const std::string nist = testing::SourceDir() + kNist;
  std::filesystem::copy_file(nist, dir / "a-text.txt");
  WriteFile(dir / "b-notes.md", "# Notes\n\nThe plan invests 12 percent.\n");
  ASSERT_TRUE(MakePdf(dir / "c-paper.PDF", "--text '" + nist + "' --date 2025-03-04 --lines 30"));
  WriteFile(dir / "d-page.html", NistHtml(testing::ReadFile(nist)));
  WriteFile(dir / "e-page.htm", "<title>Short</title><p>About 40 percent.</p>");
  WriteFile(dir / "f-locked.pdf", "");
  WriteFile(dir / "ignored.doc", "not listed");
  std::vector<InputFailure> failures;
  const std::vector<std::string> files = ListDocumentFiles({dir.path()}, &failures);
  EXPECT_TRUE(failures.empty());
  ASSERT_EQ(files.size(), 6u);
  FileSource source(files);
  RunOptions options;
  options.threads = 2;
  options.render_mentions = options.build_fragment = true;
  KnowledgeGraph graph;
  std::string mentions;
  RunSummary summary = RunBatch(*testing::Defaults().pipeline, source, options, [&](DocResult& r) {
    if (!r.status.ok()) return;
    mentions += r.mentions_jsonl;
    graph.Merge(r.fragment);
  });
  graph.Seal();
  EXPECT_EQ(summary.documents, 5u);
  ASSERT_EQ(summary.failures.size(), 1u);
  EXPECT_NE(summary.failures[0].message.find("f-locked.pdf: empty file"), std::string::npos);
  EXPECT_EQ(graph.document_count(), 5u);
  EXPECT_NE(graph.FindNode("DOCUMENT:c-paper"), nullptr);
  EXPECT_NE(graph.FindNode("PLAN:made-in-china-2025"), nullptr);
  const NodeProps* plan = graph.FindNode("PLAN:made-in-china-2025");
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(std::vector<std::string>(plan->documents.begin(), plan->documents.end()),
            (std::vector<std::string>{"a-text", "c-paper", "d-page"}));
  EXPECT_NE(mentions.find("{\"doc\":\"c-paper\""), std::string::npos);
  EXPECT_NE(mentions.find(",\"page\":1}"), std::string::npos);
}

}  // namespace
}  // namespace policygraph
