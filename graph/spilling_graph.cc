#include "graph/spilling_graph.h"

#include <algorithm>
#include <mutex>

#include "graph/merged_runs.h"

namespace policygraph {
namespace {

// What one item of the graph held costs, measured with a heap profile of us-legislation: a node
// with its strings, alias set and index entry; an edge with its key, Boost's lists and its index
// entry; a piece of evidence (32 bytes, and room to grow).
constexpr size_t kNodeBytes = 500, kEdgeBytes = 350, kEvidenceBytes = 40;

}  // namespace

SpillingGraph::SpillingGraph(std::string dir, size_t budget_bytes, size_t fan_in)
    : dir_(std::move(dir)), budget_(budget_bytes), fan_in_(std::max<size_t>(2, fan_in)) {}

void SpillingGraph::Merge(KnowledgeGraph&& fragment) {
  if (!status_.ok()) return;
  counts_ = Counts();
  whole_.reset();
  held_.Merge(std::move(fragment));
  if (HeldBytes() > budget_) status_ = Spill();
}

size_t SpillingGraph::HeldBytes() const {
  return held_.node_count() * kNodeBytes + held_.edge_count() * kEdgeBytes + held_.evidence_added() * kEvidenceBytes;
}

Status SpillingGraph::Spill() {
  held_.Seal();
  StatusOr<std::unique_ptr<GraphRun>> run = GraphRun::Write(held_, dir_);
  held_ = KnowledgeGraph();
  if (!run.ok()) return run.status();
  runs_.push_back(std::move(run.value()));
  levels_.push_back(0);
  // While the last fan_in runs are of one level, they become one run of the next: each item is
  // rewritten once per level, and a corpus of any size keeps a few dozen files open at most.
  while (runs_.size() >= fan_in_ &&
         std::all_of(levels_.end() - static_cast<std::ptrdiff_t>(fan_in_), levels_.end(),
                     [&](int level) { return level == levels_.back(); })) {
    const size_t from = runs_.size() - fan_in_;
    StatusOr<std::unique_ptr<GraphRun>> merged =
        GraphRun::Write(MergedRuns(std::span(runs_).subspan(from)), dir_);
    if (!merged.ok()) return merged.status();
    const int level = levels_.back() + 1;
    runs_.resize(from);  // closes (and so deletes) the runs merged
    levels_.resize(from);
    runs_.push_back(std::move(merged.value()));
    levels_.push_back(level);
  }
  return Status::Ok();
}

Status SpillingGraph::Finish() {
  held_.Seal();
  if (status_.ok() && !runs_.empty() && held_.node_count() > 0) status_ = Spill();
  return status_;
}

uint64_t SpillingGraph::spilled_bytes() const {
  uint64_t n = 0;
  for (const auto& run : runs_) n += run->bytes();
  return n;
}

void SpillingGraph::ForEachNode(const NodeVisitor& visit) const {
  if (runs_.empty()) return held_.ForEachNode(visit);
  MergedRuns(runs_).ForEachNode(visit);
}

void SpillingGraph::ForEachEdge(const EdgeVisitor& visit) const {
  if (runs_.empty()) return held_.ForEachEdge(visit);
  size_t n = 0;
  MergedRuns(runs_).ForEachEdge([&](const std::string& source, const std::string& target, const EdgeProps& edge) {
    ++n;
    visit(source, target, edge);
  });
  std::lock_guard lock(counts_mutex_);
  counts_.edges = n;  // a whole pass counted them
}

size_t SpillingGraph::node_count() const {
  if (runs_.empty()) return held_.node_count();
  std::lock_guard lock(counts_mutex_);
  CountNodes();
  return *counts_.nodes;
}

size_t SpillingGraph::document_count() const {
  if (runs_.empty()) return held_.document_count();
  std::lock_guard lock(counts_mutex_);
  CountNodes();
  return *counts_.documents;
}

void SpillingGraph::CountNodes() const {
  if (counts_.nodes) return;
  size_t nodes = 0, documents = 0;
  MergedRuns(runs_).ForEachNode([&](const NodeProps& n) {
    ++nodes;
    documents += n.type == "DOCUMENT";
  });
  counts_.nodes = nodes;
  counts_.documents = documents;
}

size_t SpillingGraph::edge_count() const {
  if (runs_.empty()) return held_.edge_count();
  std::lock_guard lock(counts_mutex_);
  if (!counts_.edges) counts_.edges = MergedRuns(runs_).edge_count();
  return *counts_.edges;
}

const KnowledgeGraph& SpillingGraph::InMemory() {
  if (runs_.empty()) return held_;
  if (!whole_) {
    whole_.emplace();
    ForEachNode([&](const NodeProps& n) { whole_->UpsertNode(n); });
    ForEachEdge([&](const std::string& s, const std::string& t, const EdgeProps& p) {
      whole_->UpsertEdge(s, p.relation, t, p.attrs, p.evidence);
    });
  }
  return *whole_;
}

}  // namespace policygraph
