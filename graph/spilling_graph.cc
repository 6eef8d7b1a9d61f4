#include "graph/spilling_graph.h"

#include <algorithm>
#include <mutex>
#include <tuple>

namespace policygraph {
namespace {

// What one item of the graph held costs, measured with a heap profile of us-legislation: a node
// with its strings, alias set and index entry; an edge with its key, Boost's lists and its index
// entry; a piece of evidence (32 bytes, and room to grow).
constexpr size_t kNodeBytes = 500, kEdgeBytes = 350, kEvidenceBytes = 40;

// The head of one run's section during a merge.
template <typename Record>
struct Head {
  GraphRun::Reader reader;
  Record record;
  bool valid = false;
  void Advance() { valid = reader.Next(record); }
};

const std::string& IdOf(const NodeProps& n) { return n.id; }
auto KeyOf(const EdgeRecord& e) { return std::tie(e.source, e.target, e.props.key); }

}  // namespace

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
  if (!run.ok()) return run.status();
  runs_.push_back(std::move(run.value()));
  held_ = KnowledgeGraph();
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

size_t SpillingGraph::BufferPerRun() const { return std::max<size_t>(4096, (4u << 20) / std::max<size_t>(1, runs_.size())); }

void SpillingGraph::ForEachNode(const NodeVisitor& visit) const {
  if (runs_.empty()) return held_.ForEachNode(visit);
  std::vector<Head<NodeProps>> heads;
  heads.reserve(runs_.size());
  for (const auto& run : runs_) {
    heads.push_back({GraphRun::Reader(*run, GraphRun::Reader::Section::kNodes, BufferPerRun()), {}});
    heads.back().Advance();
  }
  for (;;) {
    // The first run with the smallest id gives the node; the others with that id merge into it.
    Head<NodeProps>* first = nullptr;
    for (auto& h : heads) {
      if (h.valid && (first == nullptr || IdOf(h.record) < IdOf(first->record))) first = &h;
    }
    if (first == nullptr) return;
    NodeProps node = std::move(first->record);
    first->Advance();
    for (auto& h : heads) {
      while (h.valid && h.record.id == node.id) {
        MergeNodeProps(node, std::move(h.record), /*seal=*/false);
        h.Advance();
      }
    }
    node.documents.Seal();
    visit(node);
  }
}

void SpillingGraph::ForEachEdge(const EdgeVisitor& visit) const {
  if (runs_.empty()) return held_.ForEachEdge(visit);
  const size_t n = MergeEdges(visit);
  std::lock_guard lock(counts_mutex_);
  counts_.edges = n;  // a whole pass counted them
}

size_t SpillingGraph::MergeEdges(const EdgeVisitor& visit) const {
  std::vector<Head<EdgeRecord>> heads;
  heads.reserve(runs_.size());
  for (const auto& run : runs_) {
    heads.push_back({GraphRun::Reader(*run, GraphRun::Reader::Section::kEdges, BufferPerRun()), {}});
    heads.back().Advance();
  }
  size_t count = 0;
  for (;;) {
    // The earliest run with the smallest edge gives its attributes (as the first merge of a
    // KnowledgeGraph does); the others add their evidence.
    Head<EdgeRecord>* first = nullptr;
    for (auto& h : heads) {
      if (h.valid && (first == nullptr || KeyOf(h.record) < KeyOf(first->record))) first = &h;
    }
    if (first == nullptr) return count;
    EdgeRecord edge = std::move(first->record);
    first->Advance();
    for (auto& h : heads) {
      while (h.valid && KeyOf(h.record) == KeyOf(edge)) {
        edge.props.evidence.Merge(std::move(h.record.props.evidence));
        h.Advance();
      }
    }
    edge.props.evidence.Seal();
    ++count;
    visit(edge.source, edge.target, edge.props);
  }
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
  ForEachNode([&](const NodeProps& n) {
    ++nodes;
    documents += n.type == "DOCUMENT";
  });
  counts_.nodes = nodes;
  counts_.documents = documents;
}

size_t SpillingGraph::edge_count() const {
  if (runs_.empty()) return held_.edge_count();
  std::lock_guard lock(counts_mutex_);
  if (!counts_.edges) counts_.edges = MergeEdges([](const auto&, const auto&, const auto&) {});
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
