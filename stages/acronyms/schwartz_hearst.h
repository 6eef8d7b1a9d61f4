// Abbreviation definitions in text, found with the Schwartz–Hearst algorithm (A. Schwartz and
// M. Hearst, "A simple algorithm for identifying abbreviation definitions in biomedical text",
// PSB 2003): "Manufacturing Innovation Centers (MICs)" and "MIIT (Ministry of Industry and
// Information Technology)". The short form's characters are matched right to left in the long
// form, each to the left of the previous one, the first at the start of a word; the long form is
// the shortest run of words so matched. Pure functions; thread-safe.
//
//   auto defs = FindAbbreviationDefinitions("the electric vehicles (EVs) market");
//   // defs[0]: short form "EVs" at [23, 26), long form "electric vehicles" at [4, 21)
#ifndef POLICYGRAPH_STAGES_ACRONYMS_SCHWARTZ_HEARST_H_
#define POLICYGRAPH_STAGES_ACRONYMS_SCHWARTZ_HEARST_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace policygraph {

// One definition; offsets are byte offsets into the text that was searched.
struct AbbreviationDefinition {
  size_t short_start = 0, short_end = 0;
  size_t long_start = 0, long_end = 0;
  bool short_first = false;  // "SF (long form)" rather than "long form (SF)"
};

// A short form candidate: 2 to 10 characters, at most two words, starting with a letter or digit,
// with at least one uppercase letter (so "(ii)", "(e.g.)" and "(2015)" are not).
bool IsShortFormCandidate(std::string_view s);

// The start (byte offset into `candidate`) of the best long form for `short_form` at the end of
// `candidate`, or std::string_view::npos when the characters cannot be matched.
size_t BestLongFormStart(std::string_view short_form, std::string_view candidate);

// Every definition in `text` (typically one sentence), in order.
std::vector<AbbreviationDefinition> FindAbbreviationDefinitions(std::string_view text);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_ACRONYMS_SCHWARTZ_HEARST_H_
