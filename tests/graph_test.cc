// The knowledge graph: upsert by id, merging (associative, commutative), node-link round trip,
// GraphML and DOT writers.
#include "graph/knowledge_graph.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <vector>

#include "graph/fragment.h"
#include "graph/merge_input.h"
#include "graph/node_link.h"
#include "output/atomic_file.h"
#include "output/graph_writers.h"
#include "output/mention_json.h"
#include "output/node_link_writer.h"
#include "tests/boost_graph_writers.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

NodeProps Node(const std::string& type, const std::string& label, const std::string& doc, const std::string& alias) {
  NodeProps n;
  n.id = NodeId(type, label);
  n.type = type;
  n.label = label;
  n.documents = {doc};
  n.aliases = {alias};
  n.mentions = 1;
  return n;
}

KnowledgeGraph Fragment(const std::string& doc, const std::string& alias, uint32_t start) {
  KnowledgeGraph g;
  NodeProps plan = Node("PLAN", "Made in China 2025", doc, alias);
  NodeProps sector = Node("SECTOR", "robotics", doc, "robotics");
  g.UpsertNode(plan);
  g.UpsertNode(sector);
  g.UpsertEdge(plan.id, "TARGETS", sector.id, Json(), {{doc, 3, start, start + 10, "rel.targets"}});
  return g;
}

std::string Dump(const KnowledgeGraph& g) { return ToNodeLink(g, Json::object()).dump(); }

TEST(GraphTest, NodeIdsAreStableSlugs) {
  EXPECT_EQ(NodeId("PLAN", "Made in China 2025"), "PLAN:made-in-china-2025");
  EXPECT_EQ(NodeId("PLAN", "14th Five-Year Plan"), "PLAN:14th-five-year-plan");
  EXPECT_EQ(NodeId("GPE", "  U.S.  "), "GPE:u.s.");
}

TEST(GraphTest, UpsertMergesAliasesDocumentsAndEvidence) {
  KnowledgeGraph g = Fragment("a", "Made in China 2025", 10);
  g.Merge(Fragment("b", "MIC 2025 plan", 20));
  EXPECT_THROW(g.graph(), std::logic_error) << "read before Seal";
  g.Seal();
  EXPECT_EQ(g.node_count(), 2u);
  EXPECT_EQ(g.edge_count(), 1u);
  const NodeProps* plan = g.FindNode("PLAN:made-in-china-2025");
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(plan->aliases.size(), 2u);
  EXPECT_EQ(plan->documents.size(), 2u);
  EXPECT_EQ(plan->mentions, 2);
  auto e = *boost::edges(g.graph()).first;
  EXPECT_EQ(g.graph()[e].evidence.size(), 2u);
  // The same evidence twice is one evidence.
  g.Merge(Fragment("b", "MIC 2025 plan", 20));
  g.Seal();
  EXPECT_EQ(g.graph()[e].evidence.size(), 2u);
}

TEST(GraphTest, MergeIsCommutativeAndAssociative) {
  KnowledgeGraph a = Fragment("a", "x", 1), b = Fragment("b", "y", 2), c = Fragment("c", "z", 3);
  KnowledgeGraph abc, cba, a_bc, bc;
  abc.Merge(a), abc.Merge(b), abc.Merge(c);
  cba.Merge(c), cba.Merge(b), cba.Merge(a);
  bc.Merge(b), bc.Merge(c);
  a_bc.Merge(a), a_bc.Merge(bc);
  for (KnowledgeGraph* g : {&abc, &cba, &a_bc}) g->Seal();
  EXPECT_EQ(Dump(abc), Dump(cba));
  EXPECT_EQ(Dump(abc), Dump(a_bc));
}

TEST(GraphTest, DisagreeingValuesMergeTheSameInAnyOrder) {
  auto with_value = [](const std::string& doc, Json value) {
    KnowledgeGraph g;
    NodeProps n = Node("MONEY", "USD 300000000000", doc, "$300 billion");
    n.value = std::move(value);
    g.UpsertNode(n);
    return g;
  };
  const KnowledgeGraph a = with_value("a", Json{{"amount", 300000000000}, {"currency", "USD"}});
  const KnowledgeGraph b = with_value("b", Json{{"amount", 3e11}, {"currency", "USD"}});
  const KnowledgeGraph none = with_value("c", Json());
  KnowledgeGraph ab, ba, nab;
  ab.Merge(a), ab.Merge(b);
  ba.Merge(b), ba.Merge(a);
  nab.Merge(none), nab.Merge(a), nab.Merge(b);
  for (KnowledgeGraph* g : {&ab, &ba, &nab}) g->Seal();
  EXPECT_EQ(Dump(ab), Dump(ba));
  EXPECT_EQ(ab.FindNode("MONEY:usd-300000000000")->value, nab.FindNode("MONEY:usd-300000000000")->value);
}

// The run merges each fragment by moving it; a merge by copy (the `merge` command's shards, the
// tests) must give the same graph, whatever the order: values, attributes, aliases, evidence.
TEST(GraphTest, MergeByMoveEqualsMergeByCopy) {
  auto fragment = [](const std::string& doc, Json value, Json attrs, uint32_t start) {
    KnowledgeGraph g = Fragment(doc, "alias " + doc, start);
    NodeProps money = Node("MONEY", "USD 5", doc, "$5 " + doc);
    money.value = std::move(value);
    money.attrs = std::move(attrs);
    g.UpsertNode(money);
    g.UpsertEdge("PLAN:made-in-china-2025", "INVESTS", money.id, Json{{"period", "2016/2020"}},
                 {{doc, 1, start, start + 4, "r"}});
    return g;
  };
  const std::vector<KnowledgeGraph> parts = {
      fragment("a", Json{{"amount", 5}, {"currency", "USD"}}, Json{{"z", 2}, {"code", "b"}}, 10),
      fragment("b", Json{{"amount", 5.0}, {"currency", "USD"}}, Json{{"code", "a"}}, 20),
      fragment("c", Json("five"), Json(), 10),
  };
  for (const std::vector<size_t>& order : std::vector<std::vector<size_t>>{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}}) {
    KnowledgeGraph by_copy, by_move;
    for (size_t i : order) {
      by_copy.Merge(parts[i]);
      KnowledgeGraph copy = parts[i];
      by_move.Merge(std::move(copy));
    }
    by_copy.Seal();
    by_move.Seal();
    EXPECT_EQ(Dump(by_move), Dump(by_copy));
    std::ostringstream moved, copied;
    WriteNodeLink(by_move, Json::object(), moved);
    WriteNodeLink(by_copy, Json::object(), copied);
    EXPECT_EQ(moved.str(), copied.str());
    const NodeProps* money = by_move.FindNode("MONEY:usd-5");
    ASSERT_NE(money, nullptr);
    EXPECT_EQ(money->value, Json("five"));  // the smallest by JSON text: "\"five\"" < "{..."
    EXPECT_EQ(money->attrs.dump(), R"({"code":"a","z":2})");
    EXPECT_EQ(money->aliases.size(), 3u);
  }
  EXPECT_EQ(Dump(Fragment("a", "x", 1)), Dump(Fragment("a", "x", 1)));  // the parts were not moved from
  KnowledgeGraph all;
  for (const KnowledgeGraph& p : parts) all.Merge(p);
  all.Seal();
  std::vector<std::string> ids;
  for (auto v : all.SortedVertices()) ids.push_back(all.graph()[v].id);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(ids.size(), 3u);
  std::vector<std::tuple<std::string, std::string, std::string>> edges;
  for (auto e : all.SortedEdges()) {
    edges.emplace_back(all.graph()[boost::source(e, all.graph())].id, all.graph()[boost::target(e, all.graph())].id,
                       all.graph()[e].key);
  }
  EXPECT_TRUE(std::is_sorted(edges.begin(), edges.end()));
  EXPECT_EQ(edges.size(), 2u);
}

TEST(GraphTest, EdgesWithDifferentAttributesAreDistinct) {
  KnowledgeGraph g = Fragment("a", "x", 1);
  g.UpsertEdge("PLAN:made-in-china-2025", "TARGETS", "SECTOR:robotics", Json{{"by", "2025"}}, {{"a", 1, 5, 9, "r"}});
  EXPECT_EQ(g.edge_count(), 2u);
}

TEST(GraphTest, NodeLinkRoundTrip) {
  KnowledgeGraph g = Fragment("a", "x", 1);
  g.UpsertEdge("PLAN:made-in-china-2025", "INVESTS", "SECTOR:robotics", Json{{"period", "2016/2020"}},
               {{"a", 2, 50, 60, "r"}});
  Json data = ToNodeLink(g, Json{{"name", "t"}});
  EXPECT_EQ(data["directed"], true);
  EXPECT_EQ(data["multigraph"], true);
  EXPECT_EQ(data["edges"][0]["period"], "2016/2020");
  auto back = FromNodeLink(data);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(Dump(*back), Dump(g));
  EXPECT_FALSE(FromNodeLink(Json{{"edges", Json::array()}}).ok());
  Json dangling = data;
  dangling["edges"][0]["target"] = "SECTOR:nothing";
  EXPECT_FALSE(FromNodeLink(dangling).ok());
}

// Numbers are read as integers of their field's range: a float out of range (undefined behaviour
// to convert) or a negative offset is a named error; an integral float in range is read.
TEST(GraphTest, NodeLinkNumbersOutOfRangeAreErrors) {
  KnowledgeGraph g = Fragment("a", "x", 1);
  const Json data = ToNodeLink(g, Json::object());
  auto with = [&](const char* field, Json value) {
    Json d = data;
    d["edges"][0]["evidence"][0][field] = std::move(value);
    return FromNodeLink(d);
  };
  for (const auto& [field, value] : std::vector<std::pair<const char*, Json>>{
           {"start", 1.04e23}, {"start", -1}, {"end", 4294967296.0}, {"sentence", 3e9}, {"page", 0.5}}) {
    const auto back = with(field, value);
    ASSERT_FALSE(back.ok()) << field << " " << value.dump();
    EXPECT_NE(back.status().message().find(std::string("'") + field + "' is not an integer in range"),
              std::string::npos)
        << back.status().message();
  }
  EXPECT_TRUE(with("start", 1.0).ok());
  Json d = data;
  d["nodes"][0]["mentions"] = 1e300;
  EXPECT_FALSE(FromNodeLink(d).ok());
}

TEST(MergeInputTest, RecordsAndGraphFilesMergeBadLinesAreNamed) {
  const std::string a = ToNodeLink(Fragment("a", "x", 1), Json::object()).dump();
  const std::string b = ToNodeLink(Fragment("b", "y", 5), Json::object()).dump();
  std::ostringstream mentions;
  MergeInput merged(&mentions);
  // JSON Lines: two records (one with a mention), a blank line, a line that is no JSON, a scalar.
  std::istringstream records("{\"doc\":\"a\",\"mentions\":[{\"doc\":\"a\",\"type\":\"PLAN\"}],\"fragment\":" + a +
                             "}\n\n{\"doc\":\"b\",\"mentions\":[],\"fragment\":" + b + "}\nnot json\n42\n");
  merged.AddStream(records, "shard.jsonl");
  EXPECT_EQ(merged.records(), 2u);
  std::vector<InputFailure> failures = merged.TakeFailures();
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].source, "shard.jsonl:4");
  EXPECT_EQ(failures[0].message, "not JSON");
  EXPECT_EQ(failures[1].source, "shard.jsonl:5");
  EXPECT_EQ(failures[1].message, "not a JSON object");
  EXPECT_EQ(mentions.str(), "{\"doc\":\"a\",\"type\":\"PLAN\"}\n");
  // A document is merged once: a record of it again is skipped and named; a graph.json (a JSON
  // text over many lines) that brings it is lost as a whole. The graph is unchanged.
  ASSERT_TRUE(merged.Finish().ok());
  const std::string before = Dump(merged.graph().InMemory());
  std::istringstream again("{\"doc\":\"a\",\"mentions\":[],\"fragment\":" + a + "}\n");
  merged.AddStream(again, "again.jsonl");
  ASSERT_TRUE(merged.Finish().ok());
  std::istringstream graph_file(ToNodeLink(merged.graph().InMemory(), Json::object()).dump(2));
  merged.AddStream(graph_file, "graph.json");
  ASSERT_TRUE(merged.Finish().ok());
  EXPECT_EQ(Dump(merged.graph().InMemory()), before);
  EXPECT_EQ(merged.records(), 2u);
  EXPECT_EQ(merged.lost_inputs(), 1u);
  failures = merged.TakeFailures();
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].source, "again.jsonl:1");
  EXPECT_EQ(failures[0].message,
            "document 'a' already merged (from shard.jsonl:1): a document's mentions would count twice, skipped");
  EXPECT_EQ(failures[1].source, "graph.json");
  EXPECT_EQ(failures[1].message,
            "documents 'a', 'b' already merged (from shard.jsonl:1): a document's mentions would count twice, skipped");
  // A graph of new documents merges.
  std::istringstream other(ToNodeLink(Fragment("c", "z", 9), Json::object()).dump(2));
  merged.AddStream(other, "other/graph.json");
  EXPECT_EQ(merged.records(), 3u);
  EXPECT_TRUE(merged.TakeFailures().empty());
  // An input that is neither JSON nor JSON Lines, or nested too deep, is lost as a whole.
  std::istringstream junk("hello\nworld\n");
  merged.AddStream(junk, "notes.txt");
  std::istringstream deep(std::string(600, '[') + std::string(600, ']'));
  merged.AddStream(deep, "deep.json");
  EXPECT_EQ(merged.lost_inputs(), 3u);
  failures = merged.TakeFailures();
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].message, "neither JSON nor JSON Lines");
  EXPECT_NE(failures[1].message.find("nested deeper than 512"), std::string::npos) << failures[1].message;
  EXPECT_EQ(merged.failure_count(), 6u);
}

TEST(GraphTest, GraphmlHasTypedKeysAndJsonLists) {
  KnowledgeGraph g = Fragment("a", "x", 1);
  std::ostringstream out;
  WriteGraphml(g, out);
  const std::string xml = out.str();
  EXPECT_NE(xml.find("<key id=\"key0\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\""), std::string::npos)
      << xml;
  EXPECT_NE(xml.find("attr.name=\"mentions\" attr.type=\"long\""), std::string::npos);
  EXPECT_NE(xml.find("attr.name=\"weight\" attr.type=\"long\""), std::string::npos);
  EXPECT_NE(xml.find("PLAN:made-in-china-2025"), std::string::npos);
  EXPECT_NE(xml.find("[&quot;a&quot;]"), std::string::npos);  // documents as a JSON list
  std::ostringstream dot;
  WriteDot(g, dot);
  EXPECT_NE(dot.str().find("digraph"), std::string::npos);
  EXPECT_NE(dot.str().find("TARGETS"), std::string::npos);
}

TEST(GraphTest, FragmentHasDocumentNodeAndMentionEdges) {
  Document doc;
  doc.id = "d1";
  doc.text = "x";
  Annotations ann;
  Mention m;
  m.type = "GPE";
  m.span = {0, 5};
  m.text = "China";
  m.value = "China";
  m.attrs = Json{{"iso2", "CN"}, {"alias", "PRC"}};
  m.rule = "places.name";
  m.sentence = 0;
  ann.mentions.push_back(m);
  Mention date = m;
  date.type = "DATE";
  date.value = "2015";
  ann.mentions.push_back(date);
  KnowledgeGraph g = BuildFragment(doc, ann);
  ASSERT_NE(g.FindNode("DOCUMENT:d1"), nullptr);
  const NodeProps* china = g.FindNode("GPE:china");
  ASSERT_NE(china, nullptr);
  EXPECT_EQ(china->attrs["iso2"], "CN");
  EXPECT_FALSE(china->attrs.contains("alias"));
  EXPECT_EQ(g.FindNode("DATE:2015"), nullptr);  // values enter the graph through relations only
  EXPECT_EQ(g.edge_count(), 1u);
}

TEST(WritersTest, OutputsAreWrittenAtomically) {
  testing::TempDir dir;
  KnowledgeGraph g = Fragment("a", "x", 1);
  ASSERT_TRUE(WriteGraphJson(g, Json::object(), dir / "graph.json").ok());
  auto back = FromNodeLink(Json::parse(testing::ReadFile(dir / "graph.json")));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(Dump(*back), Dump(g));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << "leftover " << entry.path();
  }
  // A writer that is never committed leaves no file behind.
  {
    AtomicFile w(dir / "mentions.jsonl");
    ASSERT_TRUE(w.status().ok());
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "mentions.jsonl"));
  EXPECT_FALSE(WriteGraphJson(g, Json::object(), dir / "no/such/dir/graph.json").ok());
}

// mentions.jsonl lines are written directly; they must be exactly what dumping MentionToJson gives.
TEST(WritersTest, AppendedMentionIsTheDumpOfMentionToJson) {
  std::vector<Mention> mentions(4);
  mentions[0].type = "MONEY";
  mentions[0].span = {3, 29};
  mentions[0].text = "300 billion U.S. dollar";
  mentions[0].value = Json{{"amount", 3e11}, {"currency", "USD"}};
  mentions[0].rule = "money.scaled_currency";
  mentions[0].sentence = 14;
  mentions[1].type = "DATE";
  mentions[1].text = "early \"2025\"\tZürich\x01";
  mentions[1].value = "2025";
  mentions[1].mod = "START";
  mentions[1].rule = "dates.year";
  mentions[2].type = "COUNT";
  mentions[2].value = 40;
  mentions[2].unit = "centers";
  mentions[2].mod = "APPROX";
  mentions[2].attrs = Json{{"alias", "MIC"}, {"nested", Json::array({1, nullptr, "x"})}};
  mentions[3].type = "ORG";  // value null, empty attrs object, no sentence
  mentions[3].attrs = Json::object();
  for (const Mention& m : mentions) {
    std::string line;
    AppendMentionJson(line, "doc \"1\"", m);
    EXPECT_EQ(line, MentionToJson("doc \"1\"", m).dump());
  }
}

// What nlohmann writes for the string `s` (bytes that are not UTF-8 as U+FFFD).
std::string NlohmannString(std::string_view s) {
  return Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

TEST(WritersTest, AppendJsonStringEscapesAsNlohmannDoes) {
  std::vector<std::string> cases = {"", "plain", "a\"b\\c", "tab\there\nnew\rline\b\f", "\x7f del",
                                    "Zürich € 😀", "\x80 lone", "trunc \xE2\x82", "overlong \xC0\x80",
                                    "surrogate \xED\xA0\x80", "too high \xF4\x90\x80\x80", "end \xC3"};
  for (int b = 0; b < 256; ++b) {  // every byte, at every offset of an 8-byte word
    for (size_t at = 0; at < 9; ++at) cases.push_back(std::string(at, 'x') + static_cast<char>(b) + "tail...!");
  }
  std::mt19937 rng(14);
  const std::string alphabet = std::string("ab \"\\\n\x01\x1f\x7f") + "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\x80\xFF";
  for (int k = 0; k < 5000; ++k) {
    std::string s(rng() % 40, ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    cases.push_back(s);
  }
  for (const std::string& s : cases) {
    std::string got = "prefix";
    AppendJsonString(got, s);
    EXPECT_EQ(got, "prefix" + NlohmannString(s)) << ::testing::PrintToString(s);
  }
}

TEST(WritersTest, AppendJsonValueIsTheDump) {
  for (const Json& v : {Json(), Json(true), Json(false), Json(0), Json(-7), Json(int64_t{-9223372036854775807LL}),
                        Json(uint64_t{18446744073709551615ULL}), Json(2.5), Json(3e11), Json("a \"b\""),
                        Json::array({1, "x"}), Json::array(), Json::object(), Json{{"amount", 1.5}, {"currency", "CNY"}},
                        Json{{"z", Json{{"b", Json::array({nullptr, true, -1})}, {"a", "\t\"é"}}}, {"empty", Json::object()}}}) {
    std::string got;
    AppendJsonValue(got, v);
    EXPECT_EQ(got, v.dump()) << v.dump();
  }
}

// graph.json is streamed (output/node_link_writer.h); it must be exactly what dumping the
// node-link value gives, whatever the graph holds.
TEST(WritersTest, StreamedNodeLinkIsTheDumpOfToNodeLink) {
  auto streamed = [](const KnowledgeGraph& g, const Json& attrs) {
    std::ostringstream out;
    WriteNodeLink(g, attrs, out);
    return out.str();
  };
  KnowledgeGraph empty;
  EXPECT_EQ(streamed(empty, Json::object()), ToNodeLink(empty, Json::object()).dump(1));

  KnowledgeGraph g = Fragment("a", "Made in China 2025", 10);
  g.Merge(Fragment("b \"quoted\" \\ doc", "MIC 2025 plan", 20));
  NodeProps odd = Node("ORG", "Zürich “Institute”\tof\nTabs", "doc\x01", "");
  odd.aliases.clear();
  odd.value = Json{{"amount", 1.5}, {"currency", "CNY"}, {"list", Json::array({1, "two", nullptr})}};
  odd.attrs = Json{{"country", "CH"}, {"nested", Json{{"a", Json::object()}, {"b", Json::array()}}}};
  g.UpsertNode(odd);
  NodeProps money = Node("MONEY", "$10", "a", "$10");
  money.value = 10;
  g.UpsertNode(money);
  g.UpsertEdge(odd.id, "INVESTS", money.id, Json{{"period", "2016/2020"}, {"first", true}},
               {{"a", 1, 5, 9, "r.one"}, {"b", 2, 7, 8, "r.two"}});
  g.UpsertEdge(odd.id, "LOCATED_IN", money.id, Json(), {});
  // An attribute named like a fixed member takes that member's place.
  g.UpsertEdge(money.id, "ODD", odd.id, Json{{"weight", 99}, {"zeta", "z"}}, {{"a", 0, 0, 1, "r"}});
  g.Seal();
  const Json attrs = {{"name", "policygraph"}, {"documents", 2}};
  EXPECT_EQ(streamed(g, attrs), ToNodeLink(g, attrs).dump(1));
}

// A graph whose strings need every kind of escaping, with a MENTIONS edge and edge attributes.
KnowledgeGraph CraftedGraph() {
  KnowledgeGraph g = Fragment("a", "Made in China 2025", 10);
  g.Merge(Fragment("b \"q\" <&> 'x'", "MIC 2025 plan", 20));
  NodeProps odd = Node("ORG", "Zürich \"Institute\" <R&D>", "doc's", "   ");
  odd.value = Json{{"amount", 1.5}, {"currency", "CNY"}};
  odd.attrs = Json{{"country", "CH"}};
  g.UpsertNode(odd);
  NodeProps numeric = Node("COUNT", "-12.5", "a", "_x1");
  numeric.id = "12";  // ids that DOT writes unquoted
  g.UpsertNode(numeric);
  NodeProps plain = Node("DOCUMENT", "doc_1", "a", "");
  plain.id = "doc_1";
  g.UpsertNode(plain);
  g.UpsertEdge(odd.id, "INVESTS", numeric.id, Json{{"period", "2016/2020"}}, {{"a", 1, 5, 9, "r.one"}, {"b", 2, 7, 8, "r.two"}});
  g.UpsertEdge(plain.id, "MENTIONS", odd.id, Json(), {{"a", 0, 0, 1, "r"}});
  g.UpsertEdge(numeric.id, "LOCATED_IN", odd.id, Json(), {});
  NodeProps slash = Node("SECTOR", "ends in \\", "a", "back\\slash\\");
  g.UpsertNode(slash);
  g.UpsertEdge(slash.id, "GOAL", numeric.id, Json{{"by", "2025"}}, {{"a", 3, 0, 1, "r"}});
  // Evidence whose document and rule ids need JSON and XML escaping, and spaces only.
  g.UpsertEdge(slash.id, "GOAL", odd.id, Json(), {{"Zürich \\ 'x' \"y\" <&>", 1, 2, 3, "r.\"<&>'"}, {" ", 0, 0, 1, "  "}});
  g.Seal();
  return g;
}

// GraphML is written directly, in the bytes Boost's writer gives for the same graph.
TEST(WritersTest, GraphmlIsWhatBoostWrites) {
  auto compare = [](const KnowledgeGraph& g, const std::string& what) {
    std::ostringstream ours, boost_graphml;
    WriteGraphml(g, ours);
    testing::BoostGraphml(g, boost_graphml);
    EXPECT_EQ(ours.str(), boost_graphml.str()) << what;
  };
  compare(KnowledgeGraph(), "empty graph");
  compare(CraftedGraph(), "crafted graph");
}

// The lines `dot -Tplain` gives for `dot_text` that start with `word` ("node", "edge"); nullopt
// when Graphviz is not installed or fails.
std::optional<std::vector<std::string>> PlainLines(const std::string& dot_text, const std::string& word) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) return std::nullopt;
  testing::TempDir dir;
  testing::WriteFile(dir / "g.dot", dot_text);
  std::string cmd = "dot -Tplain '";
  cmd += dir / "g.dot";
  cmd += "' > '";
  cmd += dir / "g.txt";
  cmd += "'";
  if (std::system(cmd.c_str()) != 0) return std::nullopt;
  std::vector<std::string> lines;
  std::istringstream in(testing::ReadFile(dir / "g.txt"));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(word + " ", 0) == 0) lines.push_back(line);
  }
  return lines;
}

// graph.dot: Graphviz reads it whatever its strings hold; nodes and the legend, edges but MENTIONS
// unless asked; styles by type; attributes in the edge labels.
TEST(WritersTest, DotIsReadableAndValid) {
  KnowledgeGraph g = CraftedGraph();
  NodeProps odd = Node("SECTOR", "a \\N \"quoted\"\tlabel\x01 ends in \\", "a", "x");
  odd.id = "SECTOR:ends-in\\";  // an id ending in a backslash
  g.UpsertNode(odd);
  std::ostringstream plain, with_mentions;
  WriteDot(g, plain);
  WriteDot(g, with_mentions, {.mentions = true});
  const std::string dot = plain.str();
  EXPECT_EQ(dot.find("MENTIONS"), std::string::npos) << dot;
  EXPECT_NE(with_mentions.str().find("[label=\"MENTIONS\", style=dashed"), std::string::npos) << with_mentions.str();
  EXPECT_NE(dot.find("subgraph cluster_legend"), std::string::npos);
  EXPECT_NE(dot.find("\"legend ORG\" [label=\"ORG\", shape=box, fillcolor=\"#a8cdf0\", style=\"filled,rounded\"]"),
            std::string::npos) << dot;
  EXPECT_NE(dot.find("[label=\"INVESTS\\nperiod=2016/2020\\nx2\"]"), std::string::npos) << dot;
  EXPECT_NE(dot.find("[label=\"GOAL\\nby 2025\"]"), std::string::npos) << dot;
  EXPECT_NE(dot.find("shape=note"), std::string::npos);
  EXPECT_NE(dot.find("\xEF\xBC\xBC\""), std::string::npos) << "a trailing backslash as U+FF3C";
  EXPECT_NE(dot.find("[label=\"a \\\\N \\\"quoted\\\" label\xEF\xBF\xBD ends in \\\\\\nSECTOR\""),
            std::string::npos)
      << dot;
  const auto nodes = PlainLines(dot, "node"), edges = PlainLines(dot, "edge");
  const auto edges_m = PlainLines(with_mentions.str(), "edge");
  if (!nodes || !edges || !edges_m) GTEST_SKIP() << "Graphviz (dot) is not installed";
  std::set<std::string> node_types;
  for (const auto v : g.SortedVertices()) node_types.insert(g.graph()[v].type);
  EXPECT_EQ(nodes->size(), g.node_count() + node_types.size());
  size_t mentions = 0;
  for (const auto e : g.SortedEdges()) mentions += g.graph()[e].relation == "MENTIONS" ? 1 : 0;
  EXPECT_GT(mentions, 0u);
  EXPECT_EQ(edges->size(), g.edge_count() - mentions);
  EXPECT_EQ(edges_m->size(), g.edge_count());
}

}  // namespace
}  // namespace policygraph
