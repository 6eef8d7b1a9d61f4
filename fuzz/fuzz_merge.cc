// Fuzzes `policygraph merge`: the bytes are one merge input (graph.json, or extract --records JSON Lines) read and merged as merge_command.cc does, then written in every graph format.
//
// The reading is merge's own (graph/merge_input.h: the first non-blank line decides JSON Lines or
// one whole JSON text, every text is depth-checked before nlohmann parses it, each object goes
// through FromNodeLink and KnowledgeGraph::Merge). The merged graph is then written as graph.json
// (WriteNodeLink), GraphML and DOT, in memory; the writers' exceptions are caught as
// WriteGraphFiles catches them. A written graph.json must read back to the same graph.
// A rejected input (a bad Status) is expected; a crash, an uncaught exception, a sanitizer report,
// a leak or a hang is a finding.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <sstream>
#include <string>

#include "graph/knowledge_graph.h"
#include "graph/merge_input.h"
#include "graph/node_link.h"
#include "output/graph_writers.h"
#include "output/node_link_writer.h"

namespace {

using namespace policygraph;

// Each writer as WriteGraphFiles runs it: an exception fails that output, it does not abort.
template <typename F>
std::string Written(F&& write) {
  std::ostringstream out;
  try {
    write(out);
  } catch (const std::exception&) {
    return std::string();
  }
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::ostringstream mentions;
  MergeInput merged(&mentions);
  merged.AddStream(in, "input");
  if (!merged.Finish().ok()) __builtin_trap();  // held in memory: nothing to spill
  const SortedGraph& graph = merged.graph();
  const Json attrs = {{"name", "policygraph"}, {"documents", graph.document_count()}};
  const std::string json = Written([&](std::ostream& out) { WriteNodeLink(graph, attrs, out); });
  (void)Written([&](std::ostream& out) { WriteGraphml(graph, out); });
  (void)Written([&](std::ostream& out) { WriteDot(graph, out); });
  if (json.empty()) return 0;
  // graph.json is a merge input too: it reads back, and writing it again gives the same bytes.
  Json again;
  if (!ParseJsonChecked(json, &again).ok()) __builtin_trap();
  StatusOr<KnowledgeGraph> back = FromNodeLink(again);
  if (!back.ok()) __builtin_trap();
  const std::string json2 = Written([&](std::ostream& out) { WriteNodeLink(*back, attrs, out); });
  if (json2 != json) __builtin_trap();
  return 0;
}
