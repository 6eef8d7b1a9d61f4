// Issue 7's bar on the bundled NIST document: the facts the graph must hold, evidence inside its
// sentence, one node per entity whatever the alias, and merging that does not depend on the split.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "graph/fragment.h"
#include "graph/node_link.h"
#include "output/graph_writers.h"
#include "tests/boost_graph_writers.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

struct Processed {
  Document doc;
  Annotations ann;
};

Processed Process(const std::string& id, const std::string& text) {
  Processed p;
  p.doc.id = id;
  p.doc.text = text;
  Status s = testing::Defaults().pipeline->Process(p.doc, p.ann);
  EXPECT_TRUE(s.ok()) << s.message();
  return p;
}

const Processed& Nist() {
  static const Processed* p = new Processed(
      Process("nist-mic-summary", testing::ReadFile(testing::SourceDir() + "/corpora/nist/nist-mic-summary.txt")));
  return *p;
}

TEST(NistGraphTest, HoldsTheFactsOfTheReport) {
  KnowledgeGraph g = BuildFragment(Nist().doc, Nist().ann);
  struct Fact {
    std::string source, relation, target;
    Json attrs;  // keys that must be present with these values
  };
  const std::string mic25 = "PLAN:made-in-china-2025", mics = "CENTER:manufacturing-innovation-centers";
  const std::vector<Fact> facts = {
      {mic25, "RELEASED_IN", "DATE:2015", nullptr},
      {mic25, "INVESTS", "MONEY:USD 300000000000", {{"period", "2016/2020"}}},
      {mic25, "TARGETS", "SECTOR:aerospace", nullptr},
      {mic25, "TARGETS", "SECTOR:semiconductors", nullptr},
      {mic25, "TARGETS", "SECTOR:robotics", nullptr},
      {mic25, "TARGETS", "SECTOR:pharmaceuticals", nullptr},
      {mic25, "TARGETS", "SECTOR:electric-vehicles", nullptr},
      {mic25, "GOAL", "COUNT:40|MICs", {{"by", "2025"}}},
      {mic25, "GOAL", "PERCENT:80", {{"by", "2025"}}},
      {mic25, "LOCATED_IN", "GPE:china", nullptr},
      {"PLAN:14th-five-year-plan", "SPANS", "DATE:2021/2025", nullptr},
      {mics, "ESTABLISHED_IN", "DATE:2015", nullptr},
      {mics, "ESTABLISHED_IN", "DATE:2016", {{"first", true}}},
      {mics, "HAS_COUNT", "COUNT:33|EQUAL_OR_MORE|MICs", {{"as_of", "2025"}}},
      {mics, "INSPIRED_BY", "PLAN:manufacturing-usa", nullptr},
      {mics, "INSPIRED_BY", "PLAN:industrie-4.0", nullptr},
      {mics, "FOCUSES_ON", "SECTOR:pharmaceuticals", nullptr},
      {mics, "FOCUSES_ON", "SECTOR:renewable-energy", nullptr},
      {mics, "FOCUSES_ON", "SECTOR:semiconductors", nullptr},
      {"ORG:ministry-of-industry-and-information-technology", "OVERSEES", mics, nullptr},
      {"DOCUMENT:nist-mic-summary", "PUBLISHED_BY", "ORG:national-institute-of-standards-and-technology", nullptr},
  };
  for (const Fact& f : facts) {
    // Several edges may share (source, relation, target) with different attributes: any may match.
    bool found = false;
    for (auto e : boost::make_iterator_range(boost::edges(g.graph()))) {
      const auto& gr = g.graph();
      if (gr[boost::source(e, gr)].id != f.source || gr[boost::target(e, gr)].id != f.target ||
          gr[e].relation != f.relation) {
        continue;
      }
      bool attrs_ok = true;
      if (f.attrs.is_object()) {
        for (const auto& [k, v] : f.attrs.items()) attrs_ok = attrs_ok && gr[e].attrs.is_object() && gr[e].attrs.value(k, Json()) == v;
      }
      found = found || attrs_ok;
    }
    EXPECT_TRUE(found) << f.source << " " << f.relation << " " << f.target << " " << f.attrs.dump();
  }
}

TEST(NistGraphTest, OneCenterNodeWhateverTheAlias) {
  KnowledgeGraph g = BuildFragment(Nist().doc, Nist().ann);
  const NodeProps* mics = g.FindNode("CENTER:manufacturing-innovation-centers");
  ASSERT_NE(mics, nullptr);
  EXPECT_TRUE(mics->aliases.count("MICs")) << Json(std::vector<std::string>(mics->aliases.begin(), mics->aliases.end()));
  EXPECT_TRUE(mics->aliases.count("Manufacturing Innovation Centers"));
  for (auto v : boost::make_iterator_range(boost::vertices(g.graph()))) {
    const NodeProps& n = g.graph()[v];
    EXPECT_FALSE(n.type == "CENTER" && n.id != mics->id) << "a second CENTER node: " << n.id;
  }
  EXPECT_EQ(g.FindNode("ORG:miit"), nullptr);
  EXPECT_NE(g.FindNode("SECTOR:electric-vehicles"), nullptr);
  EXPECT_EQ(g.FindNode("SECTOR:evs"), nullptr);
}

TEST(NistGraphTest, EveryEvidenceSpanIsInsideItsSentence) {
  const Document& doc = Nist().doc;
  KnowledgeGraph g = BuildFragment(doc, Nist().ann);
  size_t checked = 0;
  for (auto e : boost::make_iterator_range(boost::edges(g.graph()))) {
    for (const Evidence& ev : g.graph()[e].evidence) {
      ASSERT_GE(ev.sentence, 0);
      ASSERT_LT(static_cast<size_t>(ev.sentence), doc.sentences.size());
      const Span s = doc.sentences[ev.sentence];
      const uint32_t start = doc.view.OriginalStart(s.start), end = doc.view.OriginalEnd(s.start, s.end);
      EXPECT_LE(start, ev.start) << g.graph()[e].relation << " " << ev.rule;
      EXPECT_LE(ev.end, end) << g.graph()[e].relation << " " << ev.rule;
      EXPECT_LT(ev.start, ev.end);
      EXPECT_EQ(ev.doc, doc.id);
      EXPECT_FALSE(ev.rule.empty());
      ++checked;
    }
  }
  EXPECT_GT(checked, 40u);
}

TEST(NistGraphTest, MergingFragmentsDoesNotDependOnTheSplit) {
  // A corpus of paragraphs of the NIST text as separate documents, plus the whole document.
  const std::string text = Nist().doc.text;
  std::vector<KnowledgeGraph> fragments;
  size_t start = 0, n = 0;
  while (start < text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    Processed p = Process("part" + std::to_string(n++), text.substr(start, end - start));
    fragments.push_back(BuildFragment(p.doc, p.ann));
    start = end + 2;
  }
  fragments.push_back(BuildFragment(Nist().doc, Nist().ann));
  ASSERT_GT(fragments.size(), 5u);
  KnowledgeGraph in_order;
  for (const auto& f : fragments) in_order.Merge(f);
  in_order.Seal();
  const std::string want = ToNodeLink(in_order, Json::object()).dump();
  std::mt19937 rng(7);
  for (int trial = 0; trial < 5; ++trial) {
    std::vector<size_t> order(fragments.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    // Shards of random sizes, each merged on its own, then the shards merged.
    KnowledgeGraph whole;
    size_t i = 0;
    while (i < order.size()) {
      size_t len = 1 + rng() % 4;
      KnowledgeGraph shard;
      for (size_t k = i; k < std::min(order.size(), i + len); ++k) shard.Merge(fragments[order[k]]);
      whole.Merge(shard);
      i += len;
    }
    whole.Seal();
    EXPECT_EQ(ToNodeLink(whole, Json::object()).dump(), want) << "trial " << trial;
  }
}

// The NIST graph written as GraphML is what Boost's own writer writes.
TEST(NistGraphTest, GraphmlIsWhatBoostWrites) {
  const KnowledgeGraph g = BuildFragment(Nist().doc, Nist().ann);
  std::ostringstream ours, boost_graphml;
  WriteGraphml(g, ours);
  testing::BoostGraphml(g, boost_graphml);
  EXPECT_EQ(ours.str(), boost_graphml.str());
}

}  // namespace
}  // namespace policygraph
