// Stage: one step of the pipeline over a Document (a rule stage also over a batch of them). A stage
// is immutable after construction and Process is const, so one instance serves every thread.
// Stages never write files.
#ifndef POLICYGRAPH_PIPELINE_CORE_STAGE_H_
#define POLICYGRAPH_PIPELINE_CORE_STAGE_H_

#include <span>
#include <string>
#include <vector>

#include "pipeline/core/annotations.h"
#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace policygraph {

class Stage {
 public:
  virtual ~Stage() = default;
  Stage() = default;
  Stage(const Stage&) = delete;  // stages are shared by reference between threads
  Stage& operator=(const Stage&) = delete;

  virtual const std::string& Name() const = 0;
  // Capabilities this stage requires from earlier stages ("view", "sentences", "mentions:DATE"...).
  virtual std::vector<std::string> Needs() const = 0;
  // Capabilities this stage makes available to later stages.
  virtual std::vector<std::string> Provides() const = 0;
  // Adds to `doc` and `out`. Returns a non-OK status when the document cannot be processed.
  virtual Status Process(Document& doc, Annotations& out) const = 0;
  // A stage that gains from seeing several documents at once (a rule stage: each automaton stays
  // in cache over all their sentences) says so and implements ProcessBatch: what it adds to outs[i]
  // is what Process adds for docs[i]. It returns false, having added nothing, when it could not
  // finish by the earliest deadline of the batch; the caller then runs Process on each document.
  virtual bool Batches() const { return false; }
  virtual bool ProcessBatch(std::span<Document* const> /*docs*/, std::span<Annotations* const> /*outs*/) const {
    return false;
  }
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_CORE_STAGE_H_
