// Patterns for a prefilter: an RE2::Set only has to say which rules MAY match a sentence (each
// rule that fires is matched again with its exact pattern), so its patterns may accept more.
#ifndef POLICYGRAPH_PIPELINE_RULES_PREFILTER_H_
#define POLICYGRAPH_PIPELINE_RULES_PREFILTER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/set.h>

namespace policygraph {

// `pattern` with every bounded repetition {m,n} opened to {m,}: a superset of its language. A DFA
// that counts ("[^.]{0,40}") multiplies its states by the count; one that does not, does not.
// Braces inside character classes, escapes (\x{..}, \p{..}) and exact counts {n} are kept.
// With `min_width`, only repetitions whose n - m is at least that wide are opened.
std::string OpenRepetitions(std::string_view pattern, int min_width = 0);

// `pattern` without the alternatives that cannot hold the named group `group`: at each
// alternation on the way to the group, only the branch that holds it is kept. Every match in which
// the group takes part is a match of the result, so a sentence the result does not match cannot give
// the group (a rule's `mention`: its other branches consume text and report nothing). "" when the
// group is not in the pattern or no branch could be dropped. A branch that sets flags for the
// branches after it ("(?i)") is kept. The result may accept more than that; never less.
std::string BranchesOfGroup(std::string_view pattern, std::string_view group);

// The options every rule pattern is compiled with: by the rule itself (RulePattern) and by the
// prefilters that must read it the same way (the stage sets, the AtomFilter). No logging; a 256 MB
// budget for the automata.
RE2::Options RulePatternOptions();

// An unanchored RE2::Set of `patterns` opened by OpenRepetitions, index i for patterns[i]; nullptr
// when it cannot be built (then every rule has to run).
std::unique_ptr<RE2::Set> CompilePrefilterSet(const std::vector<const std::string*>& patterns);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_PREFILTER_H_
