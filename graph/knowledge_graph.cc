#include "graph/knowledge_graph.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <stdexcept>
#include <type_traits>

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

// a.dump() < b.dump(), without dumping where the two are plainly the same value.
bool DumpLess(const Json& a, const Json& b) {
  if (a.type() == b.type() && (a.is_string() || a.is_number_integer() || a.is_boolean() || a.is_null()) && a == b) {
    return false;
  }
  return a.dump() < b.dump();
}

}  // namespace

std::string NodeId(const std::string& type, const std::string& name) {
  std::string id;
  id.reserve(type.size() + 1 + name.size());
  id += type;
  id += ':';
  const size_t slug = id.size();  // where the slug starts
  bool dash = false;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c >= 0x80 || c == '.' || c == '/') {
      if (dash && id.size() > slug) id += '-';
      dash = false;
      id += static_cast<char>(std::tolower(c));
    } else {
      dash = true;
    }
  }
  return id;
}

std::string KnowledgeGraph::EdgeKey(const std::string& relation, const Json& attrs) {
  std::string key = relation;
  if (attrs.is_object()) {
    for (const auto& [k, v] : attrs.items()) key += "|" + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  return key;
}

size_t KnowledgeGraph::EdgeIdHash::operator()(const EdgeRef& e) const {
  size_t h = std::hash<std::string_view>()(e.key);
  h ^= std::hash<Vertex>()(e.source) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= std::hash<Vertex>()(e.target) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

namespace {

// Merges `props` into `n` (MergeNodeProps), taking what it can from `props` when it is an rvalue.
template <typename Props>
void MergeInto(NodeProps& n, Props&& props, bool seal) {
  if constexpr (std::is_rvalue_reference_v<Props&&>) {
    n.aliases.merge(props.aliases);  // moves the set nodes, no allocation
    n.documents.Merge(std::move(props.documents));
  } else {
    n.aliases.insert(props.aliases.begin(), props.aliases.end());
    n.documents.Merge(props.documents);
  }
  if (seal) n.documents.Seal();
  n.mentions += props.mentions;
  // Fragments that disagree on the value keep the smallest (by its JSON text), whatever the order.
  if (n.value.is_null() || (!props.value.is_null() && DumpLess(props.value, n.value))) n.value = props.value;
  if (props.attrs.is_object()) {
    if (!n.attrs.is_object()) n.attrs = Json::object();
    // Union, first value (in key order of the merged attrs) wins, independent of merge order.
    bool added = false;
    for (const auto& [k, v] : props.attrs.items()) {
      auto have = n.attrs.find(k);
      if (have == n.attrs.end()) {
        added = true;
        n.attrs[k] = v;
      } else if (DumpLess(v, *have)) {
        *have = v;
      }
    }
    if (added) n.attrs = SortedKeys(n.attrs);  // one key order whatever the merge order
  }
  // Labels can differ only in case or spelling between fragments: keep the smallest.
  if (props.label < n.label) n.label = props.label;
  if (props.type < n.type) n.type = props.type;
}

}  // namespace

void MergeNodeProps(NodeProps& into, NodeProps&& from, bool seal) { MergeInto(into, std::move(from), seal); }

template <typename Props>
KnowledgeGraph::Vertex KnowledgeGraph::Upsert(Props&& props, bool seal) {
  auto it = index_.find(props.id);
  if (it == index_.end()) {
    std::string id = props.id;
    Vertex v = boost::add_vertex(std::forward<Props>(props), g_);
    if (g_[v].attrs.is_object()) g_[v].attrs = SortedKeys(g_[v].attrs);
    if (seal) g_[v].documents.Seal();
    index_.emplace(std::move(id), v);
    return v;
  }
  MergeInto(g_[it->second], std::forward<Props>(props), seal);
  return it->second;
}

KnowledgeGraph::Vertex KnowledgeGraph::UpsertNode(const NodeProps& props) { return Upsert(props, true); }
KnowledgeGraph::Vertex KnowledgeGraph::UpsertNode(NodeProps&& props) { return Upsert(std::move(props), true); }

template <typename Set>
void KnowledgeGraph::AddEdge(Vertex s, Vertex t, std::string_view key, const std::string& relation, const Json& attrs,
                             Set&& evidence, bool seal) {
  evidence_added_ += evidence.stored();
  auto it = edge_index_.find(EdgeRef{s, t, key});
  if (it == edge_index_.end()) {
    EdgeProps props{relation, attrs, std::forward<Set>(evidence), std::string(key)};
    Edge e = boost::add_edge(s, t, std::move(props), g_).first;
    edge_index_.emplace(EdgeId{s, t, std::string(key)}, e);
    if (seal) g_[e].evidence.Seal();
    return;
  }
  FlatSet<Evidence>& have = g_[it->second].evidence;
  have.Merge(std::forward<Set>(evidence));
  if (seal) have.Seal();
}

void KnowledgeGraph::UpsertEdge(const std::string& source, const std::string& relation, const std::string& target,
                                const Json& attrs, const FlatSet<Evidence>& evidence) {
  AddEdge(index_.at(source), index_.at(target), EdgeKey(relation, attrs), relation, attrs, evidence, true);
}

void KnowledgeGraph::UpsertEdge(Vertex source, Vertex target, const std::string& relation, const Json& attrs,
                                FlatSet<Evidence>&& evidence) {
  AddEdge(source, target, EdgeKey(relation, attrs), relation, attrs, std::move(evidence), true);
}

template <typename Other>
void KnowledgeGraph::MergeFrom(Other&& other) {
  constexpr bool kMove = std::is_rvalue_reference_v<Other&&>;
  std::vector<Vertex> ours;  // other's vertex -> ours
  ours.reserve(boost::num_vertices(other.g_));
  for (Vertex v : boost::make_iterator_range(boost::vertices(other.g_))) {
    if constexpr (kMove) {
      ours.push_back(Upsert(std::move(other.g_[v]), false));
    } else {
      ours.push_back(Upsert(other.g_[v], false));
    }
  }
  for (Edge e : boost::make_iterator_range(boost::edges(other.g_))) {
    auto& p = other.g_[e];
    const Vertex s = ours[boost::source(e, other.g_)], t = ours[boost::target(e, other.g_)];
    if constexpr (kMove) {
      AddEdge(s, t, p.key, p.relation, p.attrs, std::move(p.evidence), false);
    } else {
      AddEdge(s, t, p.key, p.relation, p.attrs, p.evidence, false);
    }
  }
  sealed_ = sealed_ && boost::num_vertices(other.g_) == 0;
  if constexpr (kMove) other = KnowledgeGraph();
}

void KnowledgeGraph::Merge(const KnowledgeGraph& other) { MergeFrom(other); }
void KnowledgeGraph::Merge(KnowledgeGraph&& other) { MergeFrom(std::move(other)); }

void KnowledgeGraph::Seal() {
  if (sealed_) return;
  for (Vertex v : boost::make_iterator_range(boost::vertices(g_))) g_[v].documents.Seal();
  for (Edge e : boost::make_iterator_range(boost::edges(g_))) g_[e].evidence.Seal();
  sealed_ = true;
}

void KnowledgeGraph::CheckSealed() const {
  if (!sealed_) throw std::logic_error("KnowledgeGraph read after Merge without Seal()");
}

const NodeProps* KnowledgeGraph::FindNode(const std::string& id) const {
  CheckSealed();
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &g_[it->second];
}

std::vector<KnowledgeGraph::Vertex> KnowledgeGraph::SortedVertices() const {
  std::vector<Vertex> out;
  out.reserve(boost::num_vertices(g_));
  for (Vertex v : boost::make_iterator_range(boost::vertices(g_))) out.push_back(v);
  std::sort(out.begin(), out.end(), [&](Vertex a, Vertex b) { return g_[a].id < g_[b].id; });
  return out;
}

std::vector<KnowledgeGraph::Edge> KnowledgeGraph::SortedEdges() const {
  // Ids are unique: comparing the ends' ranks in id order compares their ids.
  std::vector<uint32_t> rank(boost::num_vertices(g_));
  const std::vector<Vertex> sorted = SortedVertices();
  for (size_t i = 0; i < sorted.size(); ++i) rank[sorted[i]] = static_cast<uint32_t>(i);
  std::vector<Edge> out;
  out.reserve(boost::num_edges(g_));
  for (Edge e : boost::make_iterator_range(boost::edges(g_))) out.push_back(e);
  std::sort(out.begin(), out.end(), [&](const Edge& a, const Edge& b) {
    const uint32_t sa = rank[boost::source(a, g_)], sb = rank[boost::source(b, g_)];
    if (sa != sb) return sa < sb;
    const uint32_t ta = rank[boost::target(a, g_)], tb = rank[boost::target(b, g_)];
    if (ta != tb) return ta < tb;
    return g_[a].key < g_[b].key;
  });
  return out;
}

void KnowledgeGraph::ForEachNode(const NodeVisitor& visit) const {
  CheckSealed();
  for (Vertex v : SortedVertices()) visit(g_[v]);
}

void KnowledgeGraph::ForEachEdge(const EdgeVisitor& visit) const {
  CheckSealed();
  for (const Edge& e : SortedEdges()) visit(g_[boost::source(e, g_)].id, g_[boost::target(e, g_)].id, g_[e]);
}

size_t KnowledgeGraph::document_count() const {
  size_t n = 0;
  for (auto v : boost::make_iterator_range(boost::vertices(g_))) n += g_[v].type == "DOCUMENT";
  return n;
}

}  // namespace policygraph
