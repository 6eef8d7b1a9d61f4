// Registers the code stage `resolve` (after the rule stages in the default order; pipeline/core/stage_registry.h).
#include "pipeline/core/stage_registry.h"
#include "stages/resolve/resolve_stage.h"

namespace policygraph {

PG_REGISTER_STAGE(.name = "resolve",
                  .help = "overlaps across stages (longest wins)",
                  .order = 600,
                  .make = [](const StageContext& c) { return std::make_unique<ResolveStage>(c.stage_order); });

}  // namespace policygraph
