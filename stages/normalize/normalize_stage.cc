#include "stages/normalize/normalize_stage.h"

namespace policygraph {

const std::string& NormalizeStage::Name() const {
  static const std::string kName = "normalize";
  return kName;
}

Status NormalizeStage::Process(Document& doc, Annotations&) const {
  doc.view = NormalizedText::Build(doc.text);
  return Status::Ok();
}

}  // namespace policygraph
