// Registers the code stage `relations` (last in the default order; pipeline/core/stage_registry.h).
#include "pipeline/core/stage_registry.h"
#include "stages/relations/relation_stage.h"

namespace policygraph {

PG_REGISTER_STAGE(.name = "relations",
                  .help = "typed relations from stages/relations/rules.yaml over placeholder sentences",
                  .order = 800,
                  .make = [](const StageContext& c) { return std::make_unique<RelationStage>(c.book); },
                  .runs_rules = true);

}  // namespace policygraph
