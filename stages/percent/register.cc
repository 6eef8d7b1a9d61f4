// Registers the normalizers of percentages of stage `percent` (pipeline/rules/normalizer.h).
#include "stages/percent/percent.h"

namespace policygraph {

PG_REGISTER_NORMALIZER(.name = "percent",
                       .required_groups = {"number"},
                       .fn = &NormalizePercent,
                       .help = "a percentage from group 'number'");
PG_REGISTER_NORMALIZER(.name = "percent_range",
                       .required_groups = {"number", "number2", "sep"},
                       .fn = &NormalizePercentRange,
                       .help = "a range of percentages: 'number'-'number2'");

}  // namespace policygraph
