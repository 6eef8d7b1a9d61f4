// The HTML report's pieces: escaping, mention highlighting (nested and crossing mentions),
// sentence anchors, edge labels, and a whole report's structure.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "graph/fragment.h"
#include "output/html_escape.h"
#include "output/node_style.h"
#include "output/report_section.h"
#include "output/report_writer.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

std::string StripTags(const std::string& html) { return std::regex_replace(html, std::regex("<[^>]*>"), ""); }

TEST(ReportHtmlTest, EscapesTextAndScriptJson) {
  EXPECT_EQ(Html("a<b>&\"c\" 'd'\x01"), "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39;\xEF\xBF\xBD");
  const Json j = {{"t", "</script><!-- & -->"}, {"n", 1}};
  const std::string s = ScriptJson(j);
  EXPECT_EQ(s.find('<'), std::string::npos) << s;
  EXPECT_EQ(s.find('>'), std::string::npos) << s;
  EXPECT_EQ(Json::parse(s), j);
  EXPECT_EQ(TypeClass("MY TYPE<x>"), "t-MY_TYPE_x_");
}

TEST(ReportHtmlTest, EdgeLabelsCarryAttributes) {
  EXPECT_EQ(EdgeLabel("GOAL", Json{{"by", "2025"}}, 1), "GOAL\nby 2025");
  EXPECT_EQ(EdgeLabel("HAS_COUNT", Json{{"as_of", "2025"}}, 2), "HAS_COUNT\nas of 2025\nx2");
  EXPECT_EQ(EdgeLabel("INVESTS", Json{{"period", "2016/2020"}, {"first", true}}, 1),
            "INVESTS\nperiod=2016/2020\nfirst=true");
  EXPECT_EQ(EdgeLabel("TARGETS", Json(), 1), "TARGETS");
  EXPECT_EQ(StyleOf("PLAN").shape, "folder");
  EXPECT_EQ(StyleOf("NO_SUCH_TYPE").shape, "box");
}

Mention MakeMention(const std::string& type, uint32_t start, uint32_t end, int32_t sentence) {
  Mention m;
  m.type = type;
  m.span = {start, end};
  m.value = StrCat("v<", type, ">");
  m.rule = StrCat("r.", type);
  m.sentence = sentence;
  return m;
}

// Nested and crossing mentions are drawn as well-nested marks, one data-m per mention (a crossing
// one in pieces), the text unchanged between the tags, and an anchor at each sentence start.
TEST(ReportHtmlTest, SectionHighlightsEveryMention) {
  Document doc;
  doc.id = "d<1>";
  doc.text = "Alpha beta & gamma. </script> delta epsilon.";
  doc.view = NormalizedText::Build(doc.text);
  doc.sentences = {{0, 19}, {20, static_cast<uint32_t>(doc.text.size())}};
  Annotations ann;
  ann.mentions = {MakeMention("ORG", 0, 10, 0), MakeMention("GPE", 2, 4, 0), MakeMention("PLAN", 6, 18, 0),
                  MakeMention("DATE", 20, 29, 1), MakeMention("SECTOR", 30, 43, 1)};
  const ReportPart part = RenderReportSection(doc, ann, 7, true);
  const std::string& html = part.html;
  EXPECT_EQ(Count(html, "<mark "), Count(html, "</mark>"));
  for (int k = 0; k < 5; ++k) EXPECT_GE(Count(html, StrCat("data-m=\"", std::to_string(k), "\"")), 1u) << k << html;
  EXPECT_EQ(Count(html, "data-m=\"2\""), 2u) << "PLAN crosses ORG's end: two pieces\n" << html;
  EXPECT_NE(html.find("id=\"d7-s0\""), std::string::npos);
  EXPECT_NE(html.find("id=\"d7-s1\""), std::string::npos);
  EXPECT_NE(html.find("title=\"GPE \xC2\xB7 v&lt;GPE&gt; \xC2\xB7 r.GPE\""), std::string::npos) << html;
  EXPECT_EQ(html.find("</script>"), std::string::npos);
  const size_t text_at = html.find("<div class=\"text\">");
  ASSERT_NE(text_at, std::string::npos);
  const std::string text_html = html.substr(text_at, html.find("</div>", text_at) - text_at);
  EXPECT_EQ(StripTags(text_html), Html(doc.text));
  EXPECT_NE(html.find("data-doc=\"d&lt;1&gt;\""), std::string::npos);

  const ReportPart short_part = RenderReportSection(doc, ann, 7, false);
  EXPECT_EQ(short_part.html.find("<mark"), std::string::npos);
  EXPECT_NE(short_part.html.find("--report-docs"), std::string::npos);
}

// A whole report of one document: the sections streamed through the writer, a table row per edge,
// the drawing, the data for the script.
TEST(ReportHtmlTest, WriterPutsTheSectionsAfterGraphAndTable) {
  const auto& nist = testing::Defaults();
  Document doc;
  doc.id = "nist";
  doc.text = testing::ReadFile(testing::SourceDir() + "/corpora/nist/nist-mic-summary.txt");
  Annotations ann;
  ASSERT_TRUE(nist.pipeline->Process(doc, ann).ok());
  const KnowledgeGraph g = BuildFragment(doc, ann);
  testing::TempDir dir;
  ReportWriter writer(dir.path());
  ASSERT_TRUE(writer.status().ok());
  std::map<std::string, size_t> types;
  for (const Mention& m : ann.mentions) ++types[m.type];
  writer.Add(0, doc.id, true, types, RenderReportSection(doc, ann, 0, true));
  std::ostringstream out;
  ASSERT_TRUE(writer.Write(g, out).ok());
  const std::string html = out.str();
  EXPECT_EQ(Count(html, "<tr class=\"rel"), g.edge_count());
  EXPECT_LT(html.find("<svg"), html.find("id=\"relation-table\""));
  EXPECT_LT(html.find("id=\"relation-table\""), html.find("<section class=\"doc\""));
  EXPECT_EQ(Count(html, "<g id=\"n"), g.node_count()) << "every node drawn with its id";
  EXPECT_NE(html.find("<script type=\"application/json\" id=\"pg-data\">"), std::string::npos);
  EXPECT_NE(html.find("href=\"#d0-s"), std::string::npos) << "evidence links to sentences";
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "the parts file is unlinked";
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org"))  // SVG namespaces only
      << "nothing from the network";
}

}  // namespace
}  // namespace policygraph
