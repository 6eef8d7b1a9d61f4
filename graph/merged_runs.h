// MergedRuns: sorted runs (GraphRun) read as one graph, merged node by node and edge by edge as
// they are read: nodes of one id merge as UpsertNode merges them; an edge's attributes are those of
// the earliest run that has it (the first merged, as in a KnowledgeGraph), its evidence the union.
// Holds one node or edge per run at a time, and a read buffer per run (4 MiB in all).
#ifndef POLICYGRAPH_GRAPH_MERGED_RUNS_H_
#define POLICYGRAPH_GRAPH_MERGED_RUNS_H_

#include <memory>
#include <span>

#include "graph/graph_run.h"
#include "graph/sorted_graph.h"

namespace policygraph {

class MergedRuns : public SortedGraph {
 public:
  // `runs`, earliest first, must outlive this view.
  explicit MergedRuns(std::span<const std::unique_ptr<GraphRun>> runs) : runs_(runs) {}

  // Each count reads the runs.
  size_t node_count() const override;
  size_t edge_count() const override;
  size_t document_count() const override;
  void ForEachNode(const NodeVisitor& visit) const override;
  void ForEachEdge(const EdgeVisitor& visit) const override;

 private:
  size_t BufferPerRun() const;

  std::span<const std::unique_ptr<GraphRun>> runs_;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_GRAPH_MERGED_RUNS_H_
