// Registers the code stage `sentences` (after normalize, before the rule stages in the default order; pipeline/core/stage_registry.h).
#include "pipeline/core/stage_registry.h"
#include "stages/sentences/sentence_stage.h"

namespace policygraph {

PG_REGISTER_STAGE(.name = "sentences",
                  .help = "ICU sentence segmentation with abbreviation suppression",
                  .order = 200,
                  .make = [](const StageContext&) { return std::make_unique<SentenceStage>(); });

}  // namespace policygraph
