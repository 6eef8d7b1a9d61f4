// The PERCENT stage's normalizer: "80 %", "12.5 percent", "eighty per cent" -> 80, 12.5, 80.
#ifndef POLICYGRAPH_STAGES_PERCENT_PERCENT_H_
#define POLICYGRAPH_STAGES_PERCENT_PERCENT_H_

#include "pipeline/rules/normalizer.h"

namespace policygraph {

// Normalizer `percent`: the number in group `number` (digits or words); group `mod` may carry a
// qualifier ("about", "more than") that becomes the mention's mod.
bool NormalizePercent(const RuleMatch& m, NormalizedValue* out);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_PERCENT_PERCENT_H_
