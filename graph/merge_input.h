// Reading `merge` inputs into one graph: graph.json files (one JSON text over many lines) and
// `extract --records` JSON Lines (one record per line), told apart by the first non-blank line.
// Every text is depth-checked before it is parsed; a bad line is reported and skipped, an input
// whose first line is neither JSON nor JSON Lines is lost as a whole. A document is merged once: a
// record of a document already merged is reported and skipped, and a graph that brings one is
// lost as a whole (its mentions would count twice). Used by `policygraph merge`
// and by the merge fuzz target, so that what is fuzzed is what runs.
#ifndef POLICYGRAPH_GRAPH_MERGE_INPUT_H_
#define POLICYGRAPH_GRAPH_MERGE_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph/spilling_graph.h"
#include "pipeline/input/reader.h"
#include "pipeline/core/status.h"

namespace policygraph {

// Parses one JSON text, refusing nesting deeper than kMaxJsonDepth before the parser sees it.
Status ParseJsonChecked(std::string_view text, Json* out);

class MergeInput {
 public:
  // `mentions`, if given, receives the records' mentions as mentions.jsonl lines, in the order read.
  // Past `graph_budget` bytes the graph spills to sorted runs in `spill_dir` (SpillingGraph).
  explicit MergeInput(std::ostream* mentions = nullptr, std::string spill_dir = "",
                      size_t graph_budget = SIZE_MAX)
      : graph_(std::move(spill_dir), graph_budget), mentions_(mentions) {}

  // Merges every record or graph of `in`, named `name` in failures ("shard.jsonl:12").
  void AddStream(std::istream& in, const std::string& name);
  // Counts an input that could not be opened at all.
  void LoseInput(const std::string& name, const Status& why);

  // Readies the graph merged so far for reading (more inputs may follow, then Finish again);
  // returns the first error met spilling it.
  Status Finish() { return graph_.Finish(); }
  // REQUIRES: Finish() returned OK since the last input.
  SpillingGraph& graph() { return graph_; }
  size_t records() const { return records_; }          // fragments and graphs merged
  size_t lost_inputs() const { return lost_inputs_; }  // inputs of which nothing could be read
  // Every bad line and lost input so far, in the order met; TakeFailures empties the list.
  size_t failure_count() const { return failure_count_; }
  std::vector<InputFailure> TakeFailures() { return std::exchange(failures_, {}); }

 private:
  Status AddData(const Json& data, const std::string& where);
  Status CheckNewDocuments(const std::set<std::string>& docs) const;
  void Fail(const std::string& where, const Status& s);

  SpillingGraph graph_;
  std::ostream* mentions_;
  size_t records_ = 0, lost_inputs_ = 0, failure_count_ = 0;
  std::vector<InputFailure> failures_;
  std::map<std::string, std::string> merged_docs_;  // document id -> where it was merged from
};

}  // namespace policygraph

#endif  // POLICYGRAPH_GRAPH_MERGE_INPUT_H_
