// KnowledgeGraph: the merged graph of entities, values and documents, over a Boost.Graph
// adjacency_list with bundled properties. Nodes are upserted by stable id (`TYPE:slug`); edges
// by (source, relation, target, attributes), each edge accumulating its evidence. Merging is
// associative and commutative: any split of a corpus into fragments merges to the same graph.
// Not thread-safe for writes; build one per thread, Merge, then Seal before reading.
#ifndef POLICYGRAPH_GRAPH_KNOWLEDGE_GRAPH_H_
#define POLICYGRAPH_GRAPH_KNOWLEDGE_GRAPH_H_

#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "graph/flat_set.h"
#include "graph/sorted_graph.h"
#include "graph/symbol.h"
#include "pipeline/core/annotations.h"

namespace policygraph {

// Where a node or edge was stated: 32 bytes, as a graph holds millions of them.
struct Evidence {
  Evidence() = default;
  Evidence(Symbol doc, int32_t sentence, uint32_t start, uint32_t end, Symbol rule, int32_t page = 0)
      : doc(doc), rule(rule), sentence(sentence), start(start), end(end), page(page) {}

  Symbol doc;  // interned: a graph holds millions of evidence items of a few thousand documents
  Symbol rule;
  int32_t sentence = -1;
  uint32_t start = 0, end = 0;  // byte span in the document as read
  int32_t page = 0;  // 1-based page of `start` in a paged document (a PDF); 0 otherwise (not written)

  // Ordered by document, sentence, span, rule, page (the order of the lists written).
  friend bool operator==(const Evidence&, const Evidence&) = default;
  friend auto operator<=>(const Evidence& a, const Evidence& b) {
    return std::tie(a.doc, a.sentence, a.start, a.end, a.rule, a.page) <=>
           std::tie(b.doc, b.sentence, b.start, b.end, b.rule, b.page);
  }
};
static_assert(sizeof(Evidence) == 32);

struct NodeProps {
  std::string id;     // TYPE:slug, stable across runs
  std::string type;   // PLAN, ORG, ..., DOCUMENT, or a value type (DATE, MONEY, ...)
  std::string label;  // canonical name, or the value as text
  std::set<std::string> aliases;
  Json value;         // normalized value for value nodes; null otherwise
  Json attrs;         // codes and other attributes (object or null)
  FlatSet<Symbol> documents;  // ids of the documents that mention it
  int64_t mentions = 0;
};

struct EdgeProps {
  std::string relation;
  Json attrs;  // period, as_of, by ... (object or null)
  FlatSet<Evidence> evidence;
  std::string key;  // relation plus its attributes: unique per (source, target)
};

class KnowledgeGraph : public SortedGraph {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, NodeProps, EdgeProps>;
  using Vertex = Graph::vertex_descriptor;
  using Edge = Graph::edge_descriptor;

  // Adds or updates the node `props.id`: aliases, documents and attrs are unioned, mentions summed;
  // of two values (or labels, or attrs of one key) the smallest is kept, so any merge order agrees.
  Vertex UpsertNode(const NodeProps& props);
  Vertex UpsertNode(NodeProps&& props);  // the same, taking what it can from `props`
  // Adds evidence to the edge (source, relation, target, attrs), creating it if needed.
  // REQUIRES: both nodes exist.
  void UpsertEdge(const std::string& source, const std::string& relation, const std::string& target, const Json& attrs,
                  const FlatSet<Evidence>& evidence);
  // The same between two vertices of this graph (as UpsertNode returns them).
  void UpsertEdge(Vertex source, Vertex target, const std::string& relation, const Json& attrs,
                  FlatSet<Evidence>&& evidence);
  // Adds every node and edge of `other`; the second form moves what `other` has and this graph not.
  // The documents and evidence lists are left to sort: Seal() before reading the graph.
  void Merge(const KnowledgeGraph& other);
  void Merge(KnowledgeGraph&& other);
  // Sorts the lists that merges left unsorted (once, after the last merge: merging many fragments
  // costs no more than appending them).
  void Seal();

  // REQUIRES (graph and FindNode; throw std::logic_error otherwise): no Merge since the last Seal.
  const Graph& graph() const {
    CheckSealed();
    return g_;
  }
  size_t node_count() const override { return boost::num_vertices(g_); }
  size_t edge_count() const override { return boost::num_edges(g_); }
  // The number of DOCUMENT nodes: what a run or a merge reports as its documents, counted the same
  // way so that a sharded run and a single run agree even when two inputs share a document id.
  size_t document_count() const override;
  // SortedGraph's reads (REQUIRES: sealed, as graph()).
  void ForEachNode(const NodeVisitor& visit) const override;
  void ForEachEdge(const EdgeVisitor& visit) const override;
  // The evidence items held, counted as they are added (merged duplicates included).
  size_t evidence_added() const { return evidence_added_; }
  const NodeProps* FindNode(const std::string& id) const;
  // Vertices sorted by id; edges sorted by (source id, target id, key): the output order.
  std::vector<Vertex> SortedVertices() const;
  std::vector<Edge> SortedEdges() const;
  // Edge key for `relation` with `attrs` ("INVESTS" or "INVESTS|period=2016/2020").
  static std::string EdgeKey(const std::string& relation, const Json& attrs);

 private:
  // An edge's identity: its ends and its key. Looked up by a view of the key (no copy).
  struct EdgeId {
    Vertex source, target;
    std::string key;
  };
  struct EdgeRef {
    Vertex source, target;
    std::string_view key;
  };
  struct EdgeIdHash {
    using is_transparent = void;
    size_t operator()(const EdgeRef& e) const;
    size_t operator()(const EdgeId& e) const { return (*this)(EdgeRef{e.source, e.target, e.key}); }
  };
  struct EdgeIdEq {
    using is_transparent = void;
    static EdgeRef Ref(const EdgeId& e) { return {e.source, e.target, e.key}; }
    static EdgeRef Ref(const EdgeRef& e) { return e; }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      const EdgeRef x = Ref(a), y = Ref(b);
      return x.source == y.source && x.target == y.target && x.key == y.key;
    }
  };

  void CheckSealed() const;
  // Adds or updates the node; its documents are sorted now if `seal`, else by Seal().
  template <typename Props>
  Vertex Upsert(Props&& props, bool seal);
  template <typename Other>
  void MergeFrom(Other&& other);  // Merge, moving from `other` when it is an rvalue
  // Adds the edge or its evidence; sorted now if `seal`, else by Seal().
  template <typename Set>
  void AddEdge(Vertex s, Vertex t, std::string_view key, const std::string& relation, const Json& attrs, Set&& evidence,
               bool seal);

  Graph g_;
  std::unordered_map<std::string, Vertex> index_;  // by id; output order comes from SortedVertices
  std::unordered_map<EdgeId, Edge, EdgeIdHash, EdgeIdEq> edge_index_;
  bool sealed_ = true;  // no list waits to be sorted
  size_t evidence_added_ = 0;
};

// Merges `from` into `into`, the node of the same id, as UpsertNode does: aliases, documents and
// attrs unioned (attrs in key order), mentions summed, the smallest value, label and type kept.
// `into.documents` is left to Seal() if `seal` is false.
void MergeNodeProps(NodeProps& into, NodeProps&& from, bool seal = true);

// A node id: TYPE + ":" + a lowercase ASCII slug of `name` ("Made in China 2025" ->
// "PLAN:made-in-china-2025"). Non-ASCII letters are kept as UTF-8.
std::string NodeId(const std::string& type, const std::string& name);

}  // namespace policygraph

#endif  // POLICYGRAPH_GRAPH_KNOWLEDGE_GRAPH_H_
