// The COUNT stage's normalizer: a number that counts something ("At least 33 MICs",
// "nearly two dozen institutes", "10 key target industry sectors"). The mention is the number
// with its qualifier; the counted noun phrase goes to `unit`, the qualifier to `mod`.
//
// A count rule names its pieces with groups:
//   number     the count ("33", "two dozen", "1.5 million"); must be a whole number > 0
//   qualifier  "at least", "nearly", ... -> mod (stages/numbers/qualifier.cc)
//   unit       the counted noun phrase: modifiers, then a head noun (the rules end it at the first
//              plural noun, so "33 MICs have been established" has unit "MICs")
//   pre        the token before the number: a reference word ("Section 3 ...", "H.R. 1865 ...",
//              "Title 5 ...") or a month ("June 7 ...") means the number is a label, not a count
// `params: {allow_one: true}` admits the count 1 ("at least one member"); other rules reject it.
#ifndef POLICYGRAPH_STAGES_COUNTS_COUNTS_H_
#define POLICYGRAPH_STAGES_COUNTS_COUNTS_H_

#include <optional>
#include <string>
#include <string_view>

#include "pipeline/rules/normalizer.h"

namespace policygraph {

// The counted noun phrase of `words` (the unit group), with whitespace collapsed; nullopt when it
// is not one: a function word among the modifiers ("5 of the centers"), a head that is a unit of
// time or measure ("5 years", "300 acres"), a currency ("5 dollars"), or a verb ("section 5 applies").
std::optional<std::string> CountedNoun(std::string_view words);

// True when `token` (the word before a number) makes the number a label: section, paragraph,
// title, H.R., Pub. L., No., version, phase, a month name, ...
bool IsLabelWord(std::string_view token);

// Normalizer `count`.
bool NormalizeCount(const RuleMatch& m, NormalizedValue* out);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_COUNTS_COUNTS_H_
