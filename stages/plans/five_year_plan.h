// The `five_year_plan` normalizer: "the 14th Five-Year Plan", "Thirteenth Five-Year Plan" ->
// value "14th Five-Year Plan" with attrs {"period": "2021/2025"}: the years of the Nth plan of the
// People's Republic of China. The 1st ran 1953-1957 and the 2nd 1958-1962; after the 1963-1965
// readjustment the 3rd began in 1966, so the Nth (N >= 3) spans 1966+5(N-3) to 1970+5(N-3) (a plain
// 1953+5(N-1) would put the 14th in 2018). Reads group `ordinal` ("14th", "fourteenth"); rejects
// ordinals outside 1..30. A plan written without an ordinal ("the Five-Year Plan (2021-2025)") takes
// the number of China's plan of the years in groups `from_year`/`to_year`, else is "Five-Year Plan".
// Another country's plan (PlanCountryOf: the text names it) is "... (Vietnam)", with the period the
// text gives. Thread-safe.
#ifndef POLICYGRAPH_STAGES_PLANS_FIVE_YEAR_PLAN_H_
#define POLICYGRAPH_STAGES_PLANS_FIVE_YEAR_PLAN_H_

#include <optional>
#include <string_view>

#include "pipeline/rules/normalizer.h"

namespace policygraph {

// 14 for "14th", "Fourteenth" or "fourteenth"; nullopt when `word` is not an ordinal.
std::optional<int> ParseOrdinal(std::string_view word);

// "14th"; "1st", "2nd", "3rd", "11th", "21st".
std::string OrdinalSuffixed(int n);

bool NormalizeFiveYearPlan(const RuleMatch& m, NormalizedValue* out);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_PLANS_FIVE_YEAR_PLAN_H_
