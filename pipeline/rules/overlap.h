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

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/annotations.h"

namespace policygraph {

// Keeps, stage after stage of `stages`, a non-overlapping subset of that stage's mentions by the
// within-stage order, in output order; `mentions` then holds them, stage after stage (mentions of
// other stages are dropped). Returns false, with `mentions` unspecified, once `late` said the
// deadline passed.
bool ResolveWithinStages(std::vector<Mention>& mentions, const std::vector<std::string>& stages,
                         std::vector<Rejected>* rejected, DeadlineCheck& late);

// Keeps a non-overlapping subset of `mentions` (from any stages) by the across-stage order, in
// output order; `stage_order` gives each stage's position in the pipeline. Returns false, with
// `mentions` unspecified, once `late` said the deadline passed.
bool ResolveAcrossStages(std::vector<Mention>& mentions, const std::vector<std::string>& stage_order,
                         std::vector<Rejected>* rejected, DeadlineCheck& late);

// Leaves in `mentions` those at the positions `order`, in that order; the others are destroyed.
// Done in place, each mention moved about once: mentions are large, and a second vector of them
// (or sorting them, which moves each many times) cost more than the rest of the stage.
// REQUIRES: no position twice in `order`.
void KeepInOrder(std::vector<Mention>& mentions, std::vector<uint32_t> order);

// The output order of mentions: by start, then end, then type, then rule.
bool MentionBefore(const Mention& a, const Mention& b);
void SortMentions(std::vector<Mention>& mentions);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_OVERLAP_H_
