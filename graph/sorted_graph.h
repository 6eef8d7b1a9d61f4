// SortedGraph: a graph as its writers read it, in output order: nodes by id, edges by (source id,
// target id, key). Held in memory (KnowledgeGraph) or merged from sorted runs on disk as it is read
// (MergedRuns, SpillingGraph), so that writing a graph needs one node or edge at a time.
#ifndef POLICYGRAPH_GRAPH_SORTED_GRAPH_H_
#define POLICYGRAPH_GRAPH_SORTED_GRAPH_H_

#include <cstddef>
#include <functional>
#include <string>

namespace policygraph {

struct NodeProps;
struct EdgeProps;

class SortedGraph {
 public:
  using NodeVisitor = std::function<void(const NodeProps& node)>;
  using EdgeVisitor = std::function<void(const std::string& source, const std::string& target, const EdgeProps& edge)>;

  virtual ~SortedGraph() = default;
  virtual size_t node_count() const = 0;
  virtual size_t edge_count() const = 0;
  // The number of DOCUMENT nodes.
  virtual size_t document_count() const = 0;
  // Calls `visit` for every node in id order. Thread-safe: writers read one graph concurrently.
  virtual void ForEachNode(const NodeVisitor& visit) const = 0;
  // Calls `visit` for every edge in (source id, target id, key) order, with the ids of its ends.
  virtual void ForEachEdge(const EdgeVisitor& visit) const = 0;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_GRAPH_SORTED_GRAPH_H_
