// Registers the code stage `acronyms` (after resolve in the default order; pipeline/core/stage_registry.h).
#include "pipeline/core/stage_registry.h"
#include "stages/acronyms/acronym_stage.h"

namespace policygraph {

PG_REGISTER_STAGE(.name = "acronyms",
                  .help = "abbreviations defined in the text (Schwartz-Hearst) resolve to their long form's entity",
                  .order = 700,
                  .make = [](const StageContext&) { return std::make_unique<AcronymStage>(); });

}  // namespace policygraph
