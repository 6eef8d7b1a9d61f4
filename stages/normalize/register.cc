// Registers the code stage `normalize` (first in the default order; pipeline/core/stage_registry.h).
#include "pipeline/core/stage_registry.h"
#include "stages/normalize/normalize_stage.h"

namespace policygraph {

PG_REGISTER_STAGE(.name = "normalize",
                  .help = "matching view: NFKC, folded quotes and dashes, collapsed whitespace",
                  .order = 100,
                  .make = [](const StageContext&) { return std::make_unique<NormalizeStage>(); });

}  // namespace policygraph
