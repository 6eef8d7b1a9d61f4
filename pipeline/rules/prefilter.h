// Patterns for a prefilter: an RE2::Set only has to say which rules MAY match a sentence (each
// rule that fires is matched again with its exact pattern), so its patterns may accept more.
#ifndef POLICYGRAPH_PIPELINE_RULES_PREFILTER_H_
#define POLICYGRAPH_PIPELINE_RULES_PREFILTER_H_

#include <string>
#include <string_view>

namespace policygraph {

// `pattern` with every bounded repetition {m,n} opened to {m,}: a superset of its language. A DFA
// that counts ("[^.]{0,40}") multiplies its states by the count; one that does not, does not.
// Braces inside character classes, escapes (\x{..}, \p{..}) and exact counts {n} are kept.
std::string OpenRepetitions(std::string_view pattern);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_PREFILTER_H_
