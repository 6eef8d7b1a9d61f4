// Stage `normalize`: builds Document::view, the text the rules match (NFKC, curly quotes and
// dashes folded, whitespace runs collapsed) with its map back to the original bytes.
#ifndef POLICYGRAPH_STAGES_NORMALIZE_NORMALIZE_STAGE_H_
#define POLICYGRAPH_STAGES_NORMALIZE_NORMALIZE_STAGE_H_

#include "pipeline/core/stage.h"

namespace policygraph {

class NormalizeStage : public Stage {
 public:
  const std::string& Name() const override;
  std::vector<std::string> Needs() const override { return {}; }
  std::vector<std::string> Provides() const override { return {"view"}; }
  Status Process(Document& doc, Annotations& out) const override;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_NORMALIZE_NORMALIZE_STAGE_H_
