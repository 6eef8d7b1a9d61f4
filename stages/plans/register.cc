// Registers the `five_year_plan` normalizer of stage `plans` (pipeline/rules/normalizer.h).
#include "stages/plans/five_year_plan.h"

namespace policygraph {

PG_REGISTER_NORMALIZER(.name = "five_year_plan",
                       .required_groups = {},
                       .fn = &NormalizeFiveYearPlan,
                       .help = "the Nth Five-Year Plan and its period from group 'ordinal' (or from_year/to_year); another country's by context");

}  // namespace policygraph
