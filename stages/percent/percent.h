// The PERCENT stage's normalizers: "80 %", "12.5 percent", "eighty per cent" -> 80, 12.5, 80;
// ranges "10-15%" -> {"min": 10, "max": 15}.
#ifndef POLICYGRAPH_STAGES_PERCENT_PERCENT_H_
#define POLICYGRAPH_STAGES_PERCENT_PERCENT_H_

#include "pipeline/rules/normalizer.h"

namespace policygraph {

// Normalizer `percent`: the number in group `number` (digits or words); group `mod` may carry a
// qualifier ("about", "more than") that becomes the mention's mod.
bool NormalizePercent(const RuleMatch& m, NormalizedValue* out);

// Normalizer `percent_range`: "10-15%", "10% to 15%", "between 10 and 15 percent" ->
// {"min": 10, "max": 15} (the shape of MONEY ranges). "and" only after "between"; min <= max.
bool NormalizePercentRange(const RuleMatch& m, NormalizedValue* out);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_PERCENT_PERCENT_H_
