// Registers the `count` normalizer of stage `counts` (pipeline/rules/normalizer.h).
#include "stages/counts/counts.h"

namespace policygraph {

PG_REGISTER_NORMALIZER(.name = "count",
                       .required_groups = {"number", "unit"},
                       .fn = &NormalizeCount,
                       .help = "a count: 'number', its counted noun 'unit', 'qualifier' -> mod");

}  // namespace policygraph
