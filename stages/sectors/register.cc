// Registers the `generic_sector` normalizer of stage `sectors` (pipeline/rules/normalizer.h).
#include "stages/sectors/generic_sector.h"

namespace policygraph {

PG_REGISTER_NORMALIZER(.name = "generic_sector",
                       .required_groups = {"name"},
                       .fn = &NormalizeGenericSector,
                       .help = "'lexicon' for generic fields, only where listed or coordinated with sectors");

}  // namespace policygraph
