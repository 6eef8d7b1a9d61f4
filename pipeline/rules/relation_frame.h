// Relation frames: a relation rule whose `params` say which mention types fill its subject, object
// and attribute slots and where each is found around the trigger the pattern matches:
//
//   params:
//     subject: {types: [ORG, PLAN, CENTER], at: head}   # the clause's subject before the trigger
//     object:  {types: [MONEY], at: after}               # the first one after the trigger
//     attrs:   {period: {types: [DATE, DURATION], at: clause}}
//     pairs: PARTNERS_WITH                               # members of a coordinated subject, pairwise
//
// Places (`at`): head (the clause's subject: its first candidate, past an introductory phrase, or a
// relative pronoun's antecedent), before (the nearest before the trigger), after (the first after
// it), next (the first after it, at most three words away: "led by the X"), adjacent (next to it on
// either side, at most three words away), clause (the nearest on either side).
// Parsed and validated when rules load, so a frame with an unknown type or place is a `file:line`
// error, not a surprise at match time.
#ifndef POLICYGRAPH_PIPELINE_RULES_RELATION_FRAME_H_
#define POLICYGRAPH_PIPELINE_RULES_RELATION_FRAME_H_

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/rules/rule.h"

namespace policygraph {

enum class SlotPlace { kHead, kBefore, kAfter, kNext, kAdjacent, kClause };

struct FrameSlot {
  std::vector<std::string> types;
  SlotPlace at = SlotPlace::kAfter;
  bool Accepts(const std::string& type) const;
};

struct RelationFrame {
  FrameSlot subject, object;
  std::vector<std::pair<std::string, FrameSlot>> attrs;  // attribute name -> slot
  std::string pairs;  // relation between members of a coordinated subject; empty: none
  bool trigger_only = false;  // the pattern is '\b(?P<trigger>...)\b' (set by the relations stage)
};

// True when `rule` (stage relations) is a frame: its params have a `subject` map.
bool IsFrameRule(const Rule& rule);

// The frame of a frame rule. On error returns false and sets `error` (without location).
// `types`: the mention types a slot may name.
bool ParseFrame(const Rule& rule, const std::set<std::string>& types, RelationFrame* frame, std::string* error);

// Checks a relation rule (stage relations) whose pattern has the named groups `groups`: a frame
// must parse; any other rule needs a `subject` group (or params {subject: DOCUMENT}) and an
// `object` group. Returns the problem, or "" when the rule is sound.
std::string CheckRelationRule(const Rule& rule, const std::set<std::string>& groups,
                              const std::set<std::string>& types);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_RELATION_FRAME_H_
