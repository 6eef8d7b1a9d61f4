// Pipeline: an ordered list of stages run over one Document at a time, or over a batch of them
// (ProcessBatch). Built once (validated: unknown stage names and unmet needs are rejected with the
// valid choices), then shared by every thread: Process is const.
//
//   auto book = RuleBook::Load({});
//   auto pipeline = Pipeline::Build(Pipeline::DefaultStages(**book), *book);
//   Annotations ann;
//   Status s = pipeline->Process(doc, ann);
#ifndef POLICYGRAPH_PIPELINE_CORE_PIPELINE_H_
#define POLICYGRAPH_PIPELINE_CORE_PIPELINE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "pipeline/rules/rule_book.h"
#include "pipeline/core/stage.h"

namespace policygraph {

// CPU time spent in each stage of a pipeline, summed over documents and threads (`run --stage-times`).
struct StageTimes {
  explicit StageTimes(size_t stages) : nanos(stages) {}
  std::vector<std::atomic<int64_t>> nanos;  // per stage, in pipeline order
};

class Pipeline {
 public:
  Pipeline(Pipeline&&) = default;
  Pipeline& operator=(Pipeline&&) = default;

  // The default order: text stages, the built-in extractors, user rule stages, then resolution
  // and relations. Only stages that exist (code, or rules in `book`) are listed.
  static std::vector<std::string> DefaultStages(const RuleBook& book);
  // Builds the stages named in `names`, in order. Consecutive rule stages are fused into one
  // scan. REQUIRES: `book` outlives the pipeline.
  static StatusOr<Pipeline> Build(const std::vector<std::string>& names, const RuleBook& book);

  // Runs every stage over `doc`; mentions come out sorted by offset. Thread-safe.
  // With `times`, each stage's CPU time (of the calling thread) is added to it.
  Status Process(Document& doc, Annotations& out, StageTimes* times = nullptr) const;

  // Process over several documents (outs[i] and statuses[i] for docs[i]), stage after stage: the
  // stages that gain by it (Stage::Batches) see all the documents at once. Each document comes out
  // as Process makes it, whatever the batch. After such a stage each document's time limit restarts
  // (its deadline minus the batch's start, from then on): the batch's time is no document's own. A
  // batch that runs out of time there is processed there again one document at a time. Thread-safe.
  void ProcessBatch(std::span<Document* const> docs, std::span<Annotations* const> outs, std::span<Status> statuses,
                    StageTimes* times = nullptr) const;

  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }

 private:
  Pipeline() = default;
  std::vector<std::unique_ptr<Stage>> stages_;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_CORE_PIPELINE_H_
