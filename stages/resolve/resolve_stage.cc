#include "stages/resolve/resolve_stage.h"

#include "pipeline/rules/overlap.h"

namespace policygraph {

const std::string& ResolveStage::Name() const {
  static const std::string kName = "resolve";
  return kName;
}

Status ResolveStage::Process(Document&, Annotations& out) const {
  DeadlineCheck late(out);
  if (!ResolveAcrossStages(out.mentions, stage_order_, out.trace ? &out.rejected : nullptr, late)) {
    return Status::ResourceExhausted("time limit reached in stage 'resolve'");
  }
  return Status::Ok();
}

}  // namespace policygraph
