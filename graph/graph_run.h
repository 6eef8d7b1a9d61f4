// GraphRun: a graph spilled to disk as one sorted run: its nodes in id order, then its edges in
// (source id, target id, key) order, in an unnamed file (unlinked as soon as it is made, so a crash
// leaves nothing behind). Any number of Readers read a run at once (positioned reads). Symbols are
// written as the pointers they are: a run is read back only by the process that wrote it.
#ifndef POLICYGRAPH_GRAPH_GRAPH_RUN_H_
#define POLICYGRAPH_GRAPH_GRAPH_RUN_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "graph/knowledge_graph.h"
#include "graph/sorted_graph.h"
#include "pipeline/core/status.h"

namespace policygraph {

// An edge as a run holds it: the ids of its ends and its properties.
struct EdgeRecord {
  std::string source, target;
  EdgeProps props;
};

class GraphRun {
 public:
  // Writes `g` (a KnowledgeGraph sealed, or runs merged) to a new unnamed file in `dir`. Errors
  // name `dir`.
  static StatusOr<std::unique_ptr<GraphRun>> Write(const SortedGraph& g, const std::string& dir);
  ~GraphRun();
  GraphRun(const GraphRun&) = delete;
  GraphRun& operator=(const GraphRun&) = delete;

  uint64_t bytes() const { return end_; }

  // Reads one section of a run in order, through a buffer of `buffer_bytes`; a read error throws
  // std::runtime_error (the writers turn it into a failed output).
  class Reader {
   public:
    enum class Section { kNodes, kEdges };
    Reader(const GraphRun& run, Section section, size_t buffer_bytes);
    bool Next(NodeProps& node);    // false after the last node (Section::kNodes)
    bool Next(EdgeRecord& edge);   // false after the last edge (Section::kEdges)

   private:
    void Read(void* out, size_t n);
    uint32_t ReadU32();
    void ReadString(std::string& s);
    void ReadJson(Json& j);
    bool AtEnd() const { return pos_ == len_ && offset_ == end_; }

    const GraphRun& run_;
    uint64_t offset_, end_;  // the file's next unread byte, the section's end
    std::string buf_;
    size_t pos_ = 0, len_ = 0;  // buf_[pos_, len_) is read and not consumed
  };

 private:
  GraphRun(int fd, uint64_t edges_begin, uint64_t end) : fd_(fd), edges_begin_(edges_begin), end_(end) {}

  int fd_;
  uint64_t edges_begin_, end_;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_GRAPH_GRAPH_RUN_H_
