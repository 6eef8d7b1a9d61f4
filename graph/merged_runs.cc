#include "graph/merged_runs.h"

#include <algorithm>
#include <tuple>
#include <vector>

namespace policygraph {
namespace {

// The head of one run's section during a merge.
template <typename Record>
struct Head {
  GraphRun::Reader reader;
  Record record;
  bool valid = false;
  void Advance() { valid = reader.Next(record); }
};

template <typename Record>
std::vector<Head<Record>> Heads(std::span<const std::unique_ptr<GraphRun>> runs, GraphRun::Reader::Section section,
                                size_t buffer) {
  std::vector<Head<Record>> heads;
  heads.reserve(runs.size());
  for (const auto& run : runs) {
    heads.push_back({GraphRun::Reader(*run, section, buffer), {}});
    heads.back().Advance();
  }
  return heads;
}

// The earliest head with the smallest key, or null when every run is read.
template <typename Record, typename Key>
Head<Record>* Smallest(std::vector<Head<Record>>& heads, Key key) {
  Head<Record>* first = nullptr;
  for (auto& h : heads) {
    if (h.valid && (first == nullptr || key(h.record) < key(first->record))) first = &h;
  }
  return first;
}

const std::string& IdOf(const NodeProps& n) { return n.id; }
auto KeyOf(const EdgeRecord& e) { return std::tie(e.source, e.target, e.props.key); }

}  // namespace

size_t MergedRuns::BufferPerRun() const { return std::max<size_t>(4096, (4u << 20) / std::max<size_t>(1, runs_.size())); }

void MergedRuns::ForEachNode(const NodeVisitor& visit) const {
  auto heads = Heads<NodeProps>(runs_, GraphRun::Reader::Section::kNodes, BufferPerRun());
  while (Head<NodeProps>* first = Smallest(heads, IdOf)) {
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

void MergedRuns::ForEachEdge(const EdgeVisitor& visit) const {
  auto heads = Heads<EdgeRecord>(runs_, GraphRun::Reader::Section::kEdges, BufferPerRun());
  while (Head<EdgeRecord>* first = Smallest(heads, KeyOf)) {
    EdgeRecord edge = std::move(first->record);
    first->Advance();
    for (auto& h : heads) {
      while (h.valid && KeyOf(h.record) == KeyOf(edge)) {
        edge.props.evidence.Merge(std::move(h.record.props.evidence));
        h.Advance();
      }
    }
    edge.props.evidence.Seal();
    visit(edge.source, edge.target, edge.props);
  }
}

size_t MergedRuns::node_count() const {
  size_t n = 0;
  ForEachNode([&](const NodeProps&) { ++n; });
  return n;
}

size_t MergedRuns::document_count() const {
  size_t n = 0;
  ForEachNode([&](const NodeProps& node) { n += node.type == "DOCUMENT"; });
  return n;
}

size_t MergedRuns::edge_count() const {
  size_t n = 0;
  ForEachEdge([&](const std::string&, const std::string&, const EdgeProps&) { ++n; });
  return n;
}

}  // namespace policygraph
