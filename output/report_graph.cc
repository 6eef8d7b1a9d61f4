#include "output/report_graph.h"

#include <set>

#include "output/graph_writers.h"
#include "output/html_escape.h"
#include "output/node_style.h"

namespace policygraph {
namespace {

constexpr std::string_view kMentions = "MENTIONS";

std::map<KnowledgeGraph::Vertex, size_t> VertexIndex(const KnowledgeGraph& kg) {
  std::map<KnowledgeGraph::Vertex, size_t> index;
  for (const auto v : kg.SortedVertices()) index.emplace(v, index.size());
  return index;
}

void AppendReportNode(std::string& out, const NodeProps& n, size_t i) {
  const NodeStyle style = StyleOf(n.type);
  const std::string id = StrCat("n", std::to_string(i));
  out += StrCat("  ", id, " [id=\"", id, "\", class=\"", TypeClass(n.type), "\", label=");
  AppendDotLabel(out, n.label + "\n" + n.type);
  out += ", tooltip=";
  AppendDotLabel(out, n.id);
  out += ", shape=";
  out += style.shape;
  out += ", fillcolor=\"";
  out += style.fill;
  out += style.rounded ? "\", style=\"filled,rounded\"];\n" : "\"];\n";
}

std::string DocsOf(const FlatSet<Evidence>& evidence) {
  std::set<std::string> docs;
  for (const Evidence& e : evidence) docs.insert(e.doc);
  std::string out;
  for (const std::string& d : docs) out += d + "\n";
  return out;
}

template <typename Strings>
Json DocIndices(const Strings& docs, const std::map<std::string, size_t>& doc_index) {
  Json out = Json::array();
  for (const std::string& d : docs) {
    if (auto it = doc_index.find(d); it != doc_index.end()) out.push_back(it->second);
  }
  return out;
}

}  // namespace

std::string ReportDot(const KnowledgeGraph& kg) {
  const auto& g = kg.graph();
  const auto index = VertexIndex(kg);
  std::string out =
      "digraph G {\n  graph [rankdir=LR, ranksep=0.35, nodesep=0.15, fontname=\"Helvetica\"];\n"
      "  node [fontname=\"Helvetica\", fontsize=10, style=filled, penwidth=0.8];\n"
      "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\", arrowsize=0.6];\n";
  for (const auto v : kg.SortedVertices()) AppendReportNode(out, g[v], index.at(v));
  size_t j = 0;
  for (const auto e : kg.SortedEdges()) {
    const EdgeProps& p = g[e];
    const bool mentions = p.relation == kMentions;
    out += StrCat("  n", std::to_string(index.at(boost::source(e, g))), " -> n",
                  std::to_string(index.at(boost::target(e, g))), " [id=\"e", std::to_string(j++), "\", class=\"");
    out += mentions ? "rel mentions\", constraint=false, style=dashed, color=\"#aaaaaa\", label=\"\"" : "rel\", label=";
    if (!mentions) AppendDotLabel(out, EdgeLabel(p.relation, p.attrs, p.evidence.size()));
    out += ", tooltip=";
    AppendDotLabel(out, p.relation + "\n" + DocsOf(p.evidence));
    out += "];\n";
  }
  return out + "}\n";
}

Json ReportGraphData(const KnowledgeGraph& kg, const std::map<std::string, size_t>& doc_index) {
  const auto& g = kg.graph();
  const auto index = VertexIndex(kg);
  Json nodes = Json::array(), edges = Json::array();
  for (const auto v : kg.SortedVertices()) {
    nodes.push_back(Json{{"type", g[v].type}, {"docs", DocIndices(g[v].documents, doc_index)}});
  }
  for (const auto e : kg.SortedEdges()) {
    const EdgeProps& p = g[e];
    std::set<std::string> docs;
    for (const Evidence& ev : p.evidence) docs.insert(ev.doc);
    edges.push_back(Json{{"s", index.at(boost::source(e, g))},
                         {"t", index.at(boost::target(e, g))},
                         {"rel", p.relation},
                         {"docs", DocIndices(docs, doc_index)}});
  }
  return Json{{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

}  // namespace policygraph
