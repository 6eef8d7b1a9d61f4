// SpillingGraph: a run's graph, merged fragment by fragment in memory until its estimated size
// passes a budget, then spilled to a sorted run on disk (GraphRun) and started afresh; runs are
// merged level by level (size-tiered) so that few are open. Read, it is the merge of its runs
// (MergedRuns), done as the writers read it, so memory stays within the budget whatever the corpus
// size. The merged graph is the one a KnowledgeGraph of all the fragments would be: nodes merge as
// UpsertNode merges them, and an edge's attributes are those of its first fragment.
#ifndef POLICYGRAPH_GRAPH_SPILLING_GRAPH_H_
#define POLICYGRAPH_GRAPH_SPILLING_GRAPH_H_

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph_run.h"
#include "graph/knowledge_graph.h"
#include "graph/sorted_graph.h"
#include "pipeline/core/status.h"

namespace policygraph {

class SpillingGraph : public SortedGraph {
 public:
  // Runs go to unnamed files in `dir`; a budget of 0 spills after every merge. Every `fan_in` runs
  // of one level are merged into one run of the next level (at least 2).
  SpillingGraph(std::string dir, size_t budget_bytes, size_t fan_in = 16);

  // Adds a fragment (as KnowledgeGraph::Merge), spilling when the graph held passes the budget.
  // After a spill fails, merges are dropped and Finish returns that error.
  void Merge(KnowledgeGraph&& fragment);
  // Before reading: spills what is held when there are runs already, so that every read merges
  // runs only. Returns the first error met. Merging may go on after it (then Finish again).
  Status Finish();
  size_t runs() const { return runs_.size(); }  // the runs on disk now
  uint64_t spilled_bytes() const;  // the bytes of those runs

  // The whole graph in memory (the runs merged into one KnowledgeGraph when there are any): for
  // what needs it whole, report.html. REQUIRES: Finish() returned OK.
  const KnowledgeGraph& InMemory();

  // SortedGraph. REQUIRES: Finish() returned OK.
  size_t node_count() const override;
  size_t edge_count() const override;
  size_t document_count() const override;
  void ForEachNode(const NodeVisitor& visit) const override;
  void ForEachEdge(const EdgeVisitor& visit) const override;

 private:
  // The estimated bytes of the graph held.
  size_t HeldBytes() const;
  Status Spill();
  // Counts the runs' nodes and documents, unless counted since the last Merge. REQUIRES:
  // counts_mutex_ held.
  void CountNodes() const;

  std::string dir_;
  size_t budget_, fan_in_;
  KnowledgeGraph held_;
  std::vector<std::unique_ptr<GraphRun>> runs_;  // earliest first
  std::vector<int> levels_;                      // of each run: 0 for a spill, L + 1 for a merge of level L
  Status status_ = Status::Ok();
  std::optional<KnowledgeGraph> whole_;  // InMemory()'s graph when there are runs

  // What reads of the runs counted, kept until the next Merge.
  struct Counts {
    std::optional<size_t> nodes, documents, edges;
  };
  mutable std::mutex counts_mutex_;
  mutable Counts counts_;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_GRAPH_SPILLING_GRAPH_H_
