// Registers the `number` normalizer of stage `numbers` (pipeline/rules/normalizer.h).
#include "stages/numbers/number.h"

namespace policygraph {

PG_REGISTER_NORMALIZER(.name = "number",
                       .required_groups = {"number"},
                       .fn = &NormalizeNumberGroup,
                       .help = "the number in group 'number'");

}  // namespace policygraph
