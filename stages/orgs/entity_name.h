// Normalizers for named entities (ORG, CENTER, PLAN, GPE, SECTOR) that need more than a lexicon
// lookup. Rules name them with `normalize:`; they are registered in stages/orgs/register.cc.
//
// - `entity_name`: the value of a name found by a pattern ("Ministry of Water Resources",
//   "Acme Widget Corporation", "Small Business Act"): the matched text with whitespace collapsed.
//   Rejects a match whose first word is a capitalized function word ("The Secretary", "Each
//   Agency", "This Plan") or that has no distinctive word besides its head and generic modifiers
//   ("Pilot Program", "Federal Agency"): such spans are descriptions, not names.
//   params: {extra_generic: [words]} adds generic modifiers for one rule.
// - `place`: the `lexicon` normalizer for gazetteer places, rejecting a place preceded by a
//   capitalized word that makes it part of a longer proper name ("George Washington", "Michael
//   Jordan"); directions ("Northern Iraq"), abbreviations ("U.S. Virgin Islands"), adjectives
//   of place ("Iraqi Kurdistan") and sentence-initial words ("In China") do not.
//
// Thread-safe: pure functions of the match.
#ifndef POLICYGRAPH_STAGES_ORGS_ENTITY_NAME_H_
#define POLICYGRAPH_STAGES_ORGS_ENTITY_NAME_H_

#include <string>
#include <string_view>

#include "pipeline/rules/normalizer.h"

namespace policygraph {

bool NormalizeEntityName(const RuleMatch& m, NormalizedValue* out);
bool NormalizePlace(const RuleMatch& m, NormalizedValue* out);
// Normalizer `city`: a town no list has, named before the state, province or country it lies in
// ("in Youngstown, Ohio"): group `name` must pass as a name (NormalizeEntityName) and group
// `region` be such a gazetteer place. Value: the name as written; attrs: kind city, iso2 and the
// region's canonical name.
bool NormalizeCity(const RuleMatch& m, NormalizedValue* out);
// Normalizer `town`: a town no list has, named without its region where the context says it is a
// place ("towns including Kasra"): the name (group `name` or the match) must pass as a name and
// hold no body's head word ("Water Department"); a match through group `not_town` is none. Value:
// the name; attrs: kind city.
bool NormalizeTown(const RuleMatch& m, NormalizedValue* out);

// True when `word` is a capitalized function word that never starts a name ("The", "Each",
// "Under", "Such"...).
bool IsCapitalizedStopWord(std::string_view word);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_ORGS_ENTITY_NAME_H_
