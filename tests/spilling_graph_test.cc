// SpillingGraph: a graph spilled to sorted runs and merged as it is read is the graph merged in
// memory, byte for byte in every format, whatever the budget; a spill that cannot be written is an
// error naming the directory.
#include "graph/spilling_graph.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <sstream>
#include <thread>

#include "graph/fragment.h"
#include "graph/node_link.h"
#include "output/graph_writers.h"
#include "output/node_link_writer.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

// The NIST summary's paragraphs as documents of their own, then two paragraphs again under new ids
// (so that nodes, edges and evidence recur across runs), then fragments that disagree on a value
// and one edge whose attributes name fixed members of an edge object.
std::vector<KnowledgeGraph> Fragments() {
  const std::string text = testing::ReadFile(testing::SourceDir() + "/corpora/nist/nist-mic-summary.txt");
  std::vector<std::pair<std::string, std::string>> docs;
  for (size_t start = 0, n = 0; start < text.size(); ++n) {
    size_t end = std::min(text.find("\n\n", start), text.size());
    docs.emplace_back("part" + std::to_string(n), text.substr(start, end - start));
    start = end + 2;
  }
  docs.emplace_back("again0", docs[0].second);
  docs.emplace_back("again1", docs[1].second);
  std::vector<KnowledgeGraph> out;
  for (const auto& [id, part] : docs) {
    Document doc;
    doc.id = id;
    doc.text = part;
    Annotations ann;
    EXPECT_TRUE(testing::Defaults().pipeline->Process(doc, ann).ok());
    out.push_back(BuildFragment(doc, ann));
  }
  for (Json value : {Json{{"amount", 3e11}}, Json{{"amount", 300000000000}}}) {
    KnowledgeGraph g;
    NodeProps n;
    n.id = "MONEY:usd-300000000000";
    n.type = "MONEY";
    n.label = "USD 300000000000";
    n.value = value;
    n.attrs = Json{{value.dump(), 1}};
    n.aliases = {value.dump()};
    n.documents.Insert(value.dump());
    g.UpsertNode(n);
    n.id = "PLAN:odd";
    g.UpsertNode(n);
    g.UpsertEdge("PLAN:odd", "FUNDS", "MONEY:usd-300000000000", Json{{"weight", "high"}},
                 {{value.dump(), 0, 1, 2, "rule.odd"}});
    out.push_back(std::move(g));
  }
  return out;
}

struct Written {
  std::string json, graphml, dot;
  size_t nodes, edges, documents;
  bool operator==(const Written&) const = default;
};

Written Write(const SortedGraph& g) {
  std::ostringstream json, graphml, dot;
  WriteNodeLink(g, Json{{"name", "test"}}, json);
  WriteGraphml(g, graphml);
  WriteDot(g, dot, {.mentions = true});
  return {json.str(), graphml.str(), dot.str(), g.node_count(), g.edge_count(), g.document_count()};
}

// The runs left by n spills merged `fan_in` at a time: the digits of n in base fan_in, summed.
size_t RunsLeft(size_t n, size_t fan_in) {
  size_t runs = 0;
  for (; n > 0; n /= fan_in) runs += n % fan_in;
  return runs;
}

TEST(SpillingGraphTest, SpilledRunsMergeToTheGraphHeldInMemory) {
  KnowledgeGraph memory;
  for (const KnowledgeGraph& f : Fragments()) memory.Merge(f);
  memory.Seal();
  const Written want = Write(memory);
  ASSERT_GT(want.nodes, 30u);
  ASSERT_NE(want.json.find("\"relation\": \"FUNDS\""), std::string::npos);
  const size_t n = Fragments().size();
  ASSERT_GT(n, 9u);
  testing::TempDir dir;
  struct Case {
    size_t budget, fan_in;
  };
  for (const Case c : {Case{0, 2}, Case{0, 3}, Case{0, 16}, Case{20'000, 16}, Case{size_t{1} << 30, 16}}) {
    SpillingGraph spilling(dir.path(), c.budget, c.fan_in);
    for (KnowledgeGraph& f : Fragments()) spilling.Merge(std::move(f));
    ASSERT_TRUE(spilling.Finish().ok());
    if (c.budget == 0) {
      EXPECT_EQ(spilling.runs(), RunsLeft(n, c.fan_in)) << "fan-in " << c.fan_in;  // one spill per fragment
    } else if (c.budget == 20'000) {
      EXPECT_GT(spilling.runs(), 1u);
    } else {
      EXPECT_EQ(spilling.runs(), 0u);
    }
    EXPECT_TRUE(Write(spilling) == want) << "budget " << c.budget << ", fan-in " << c.fan_in;
    EXPECT_EQ(ToNodeLink(spilling.InMemory(), Json::object()), ToNodeLink(memory, Json::object()));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));  // runs are unnamed files
}

// `merge` reads its graph between inputs: a read, then more merges, then a read again.
TEST(SpillingGraphTest, MergingGoesOnAfterARead) {
  KnowledgeGraph memory;
  for (const KnowledgeGraph& f : Fragments()) memory.Merge(f);
  memory.Seal();
  testing::TempDir dir;
  SpillingGraph spilling(dir.path(), 0);
  std::vector<KnowledgeGraph> fragments = Fragments();
  const size_t half = fragments.size() / 2;
  for (size_t i = 0; i < half; ++i) spilling.Merge(std::move(fragments[i]));
  ASSERT_TRUE(spilling.Finish().ok());
  EXPECT_LT(spilling.node_count(), memory.node_count());
  EXPECT_LT(spilling.edge_count(), memory.edge_count());
  (void)spilling.InMemory();
  for (size_t i = half; i < fragments.size(); ++i) spilling.Merge(std::move(fragments[i]));
  ASSERT_TRUE(spilling.Finish().ok());
  EXPECT_TRUE(Write(spilling) == Write(memory));
  EXPECT_EQ(ToNodeLink(spilling.InMemory(), Json::object()), ToNodeLink(memory, Json::object()));
}

TEST(SpillingGraphTest, ReadersOfOneGraphRunAtOnce) {
  testing::TempDir dir;
  SpillingGraph spilling(dir.path(), 0);
  for (KnowledgeGraph& f : Fragments()) spilling.Merge(std::move(f));
  ASSERT_TRUE(spilling.Finish().ok());
  const Written once = Write(spilling);
  std::vector<Written> concurrent(4);
  std::vector<std::thread> threads;
  for (Written& w : concurrent) threads.emplace_back([&] { w = Write(spilling); });
  for (auto& t : threads) t.join();
  for (const Written& w : concurrent) EXPECT_TRUE(w == once);
}

TEST(SpillingGraphTest, ASpillThatCannotBeWrittenNamesTheDirectory) {
  SpillingGraph spilling("/nonexistent/spill-dir", 0);
  for (KnowledgeGraph& f : Fragments()) spilling.Merge(std::move(f));
  const Status s = spilling.Finish();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/spill-dir"), std::string::npos) << s.message();
}

// A write that fails (here the file size limit; a full disk alike) is an error, not a smaller graph.
TEST(SpillingGraphTest, ASpillWriteThatFailsIsAnError) {
  testing::TempDir dir;
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  auto* previous = std::signal(SIGXFSZ, SIG_IGN);
  rlimit tiny = old;
  tiny.rlim_cur = 1000;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tiny), 0);
  SpillingGraph spilling(dir.path(), 0);
  for (KnowledgeGraph& f : Fragments()) spilling.Merge(std::move(f));
  const Status s = spilling.Finish();
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, previous);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(dir.path() + ": cannot spill the graph: File too large"), std::string::npos)
      << s.message();
}

}  // namespace
}  // namespace policygraph
