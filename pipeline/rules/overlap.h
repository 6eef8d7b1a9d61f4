// The overlap policy, in one place. Two mentions overlap when their spans share a byte.
//
// Within a stage: higher rule priority wins, then the longer span, then the earlier start, then
//   the smaller rule id (so the result never depends on matching order).
// Across stages: the longer span wins (a PLAN "Made in China 2025" beats the DATE "2025" inside
//   it), then higher priority, then the earlier start, then the earlier stage in pipeline order.
// Overlapping mentions of different types that cross without one containing the other follow the
// same order. Losers are recorded with the reason when `rejected` is not null.
#ifndef POLICYGRAPH_PIPELINE_RULES_OVERLAP_H_
#define POLICYGRAPH_PIPELINE_RULES_OVERLAP_H_

#include <string>
#include <vector>

#include "pipeline/annotations.h"

namespace policygraph {

// Keeps a non-overlapping subset of `mentions` (all of one stage) by the within-stage order.
std::vector<Mention> ResolveWithinStage(std::vector<Mention> mentions, std::vector<Rejected>* rejected);

// Keeps a non-overlapping subset of `mentions` (from any stages) by the across-stage order;
// `stage_rank` gives each stage's position in the pipeline.
std::vector<Mention> ResolveAcrossStages(std::vector<Mention> mentions,
                                         const std::vector<std::string>& stage_order,
                                         std::vector<Rejected>* rejected);

// The output order of mentions: by start, then end, then type, then rule.
bool MentionBefore(const Mention& a, const Mention& b);
void SortMentions(std::vector<Mention>& mentions);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_OVERLAP_H_
