// Stage `resolve`: settles overlaps between mentions of different stages with the across-stage
// policy (pipeline/rules/overlap.h): "Made in China 2025" is a PLAN, not a DATE "2025" inside it.
#ifndef POLICYGRAPH_STAGES_RESOLVE_RESOLVE_STAGE_H_
#define POLICYGRAPH_STAGES_RESOLVE_RESOLVE_STAGE_H_

#include "pipeline/core/stage.h"

namespace policygraph {

class ResolveStage : public Stage {
 public:
  // `stage_order`: the pipeline's stage names in order (ties go to the earlier stage).
  explicit ResolveStage(std::vector<std::string> stage_order) : stage_order_(std::move(stage_order)) {}
  const std::string& Name() const override;
  std::vector<std::string> Needs() const override { return {"sentences"}; }
  std::vector<std::string> Provides() const override { return {"resolved"}; }
  Status Process(Document& doc, Annotations& out) const override;

 private:
  std::vector<std::string> stage_order_;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_RESOLVE_RESOLVE_STAGE_H_
