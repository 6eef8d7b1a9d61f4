#include "graph/knowledge_graph.h"

#include <map>

#include <algorithm>
#include <cctype>

namespace policygraph {
namespace {

// `attrs` with its keys in sorted order (ordered_json keeps insertion order).
Json SortedKeys(const Json& attrs) {
  std::map<std::string, Json> sorted;
  for (const auto& [k, v] : attrs.items()) sorted.emplace(k, v);
  Json out = Json::object();
  for (auto& [k, v] : sorted) out[k] = std::move(v);
  return out;
}

}  // namespace

std::string NodeId(const std::string& type, const std::string& name) {
  std::string slug;
  bool dash = false;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c >= 0x80 || c == '.' || c == '/') {
      if (dash && !slug.empty()) slug += '-';
      dash = false;
      slug += static_cast<char>(std::tolower(c));
    } else {
      dash = true;
    }
  }
  return type + ":" + slug;
}

std::string KnowledgeGraph::EdgeKey(const std::string& relation, const Json& attrs) {
  std::string key = relation;
  if (attrs.is_object()) {
    for (const auto& [k, v] : attrs.items()) key += "|" + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  return key;
}

KnowledgeGraph::Vertex KnowledgeGraph::UpsertNode(const NodeProps& props) {
  auto it = index_.find(props.id);
  if (it == index_.end()) {
    Vertex v = boost::add_vertex(props, g_);
    if (g_[v].attrs.is_object()) g_[v].attrs = SortedKeys(g_[v].attrs);
    index_.emplace(props.id, v);
    return v;
  }
  NodeProps& n = g_[it->second];
  n.aliases.insert(props.aliases.begin(), props.aliases.end());
  n.documents.insert(props.documents.begin(), props.documents.end());
  n.mentions += props.mentions;
  // Fragments that disagree on the value keep the smallest (by its JSON text), whatever the order.
  if (n.value.is_null() || (!props.value.is_null() && props.value.dump() < n.value.dump())) n.value = props.value;
  if (props.attrs.is_object()) {
    if (!n.attrs.is_object()) n.attrs = Json::object();
    // Union, first value (in key order of the merged attrs) wins, independent of merge order.
    bool added = false;
    for (const auto& [k, v] : props.attrs.items()) {
      added = added || !n.attrs.contains(k);
      if (!n.attrs.contains(k) || v.dump() < n.attrs[k].dump()) n.attrs[k] = v;
    }
    if (added) n.attrs = SortedKeys(n.attrs);  // one key order whatever the merge order
  }
  // Labels can differ only in case or spelling between fragments: keep the smallest.
  if (props.label < n.label) n.label = props.label;
  if (props.type < n.type) n.type = props.type;
  return it->second;
}

void KnowledgeGraph::UpsertEdge(const std::string& source, const std::string& relation, const std::string& target,
                                const Json& attrs, const std::set<Evidence>& evidence) {
  Vertex s = index_.at(source), t = index_.at(target);
  std::string key = EdgeKey(relation, attrs);
  auto it = edge_index_.find({s, t, key});
  if (it == edge_index_.end()) {
    EdgeProps props{relation, attrs, evidence, key};
    Edge e = boost::add_edge(s, t, std::move(props), g_).first;
    edge_index_.emplace(std::make_tuple(s, t, key), e);
    return;
  }
  g_[it->second].evidence.insert(evidence.begin(), evidence.end());
}

void KnowledgeGraph::Merge(const KnowledgeGraph& other) {
  for (Vertex v : boost::make_iterator_range(boost::vertices(other.g_))) UpsertNode(other.g_[v]);
  for (Edge e : boost::make_iterator_range(boost::edges(other.g_))) {
    const EdgeProps& p = other.g_[e];
    UpsertEdge(other.g_[boost::source(e, other.g_)].id, p.relation, other.g_[boost::target(e, other.g_)].id, p.attrs,
               p.evidence);
  }
}

const NodeProps* KnowledgeGraph::FindNode(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &g_[it->second];
}

std::vector<KnowledgeGraph::Vertex> KnowledgeGraph::SortedVertices() const {
  std::vector<Vertex> out;
  for (const auto& [id, v] : index_) out.push_back(v);  // std::map: sorted by id
  return out;
}

std::vector<KnowledgeGraph::Edge> KnowledgeGraph::SortedEdges() const {
  std::vector<Edge> out;
  for (Edge e : boost::make_iterator_range(boost::edges(g_))) out.push_back(e);
  std::sort(out.begin(), out.end(), [&](const Edge& a, const Edge& b) {
    const auto ka = std::tie(g_[boost::source(a, g_)].id, g_[boost::target(a, g_)].id, g_[a].key);
    const auto kb = std::tie(g_[boost::source(b, g_)].id, g_[boost::target(b, g_)].id, g_[b].key);
    return ka < kb;
  });
  return out;
}

size_t KnowledgeGraph::document_count() const {
  size_t n = 0;
  for (auto v : boost::make_iterator_range(boost::vertices(g_))) n += g_[v].type == "DOCUMENT";
  return n;
}

}  // namespace policygraph
