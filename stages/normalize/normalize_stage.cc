#include "stages/normalize/normalize_stage.h"

#include <optional>

namespace policygraph {

const std::string& NormalizeStage::Name() const {
  static const std::string kName = "normalize";
  return kName;
}

Status NormalizeStage::Process(Document& doc, Annotations& out) const {
  DeadlineCheck late(out);
  std::optional<NormalizedText> view = NormalizedText::Build(doc.text, late);
  if (!view) return Status::ResourceExhausted("time limit reached in stage 'normalize'");
  doc.view = std::move(*view);
  return Status::Ok();
}

}  // namespace policygraph
