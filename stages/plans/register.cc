// Registers the `five_year_plan` normalizer of stage `plans` (pipeline/rules/normalizer.h).
#include "stages/plans/five_year_plan.h"

namespace policygraph {

PG_REGISTER_NORMALIZER(.name = "five_year_plan",
                       .required_groups = {"ordinal"},
                       .fn = &NormalizeFiveYearPlan,
                       .help = "the Nth Five-Year Plan and its period from group 'ordinal'");

}  // namespace policygraph
