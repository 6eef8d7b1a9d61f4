// AtomFilter: which rules may match a sentence, told by the literal strings ("atoms") that every
// match of a rule contains (RE2's FilteredRE2 finds them). One RE2::Set of all the atoms scans the
// case-folded sentence; a rule is a candidate when its atoms are there. A rule with no atom of at
// least kMinAtomBytes is unfiltered: the filter cannot tell, its caller scans for it otherwise.
// Only a prefilter: a candidate may not match, but a rule that matches is always a candidate.
// Thread-safe (const after construction).
#ifndef POLICYGRAPH_PIPELINE_RULES_ATOM_FILTER_H_
#define POLICYGRAPH_PIPELINE_RULES_ATOM_FILTER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/filtered_re2.h>
#include <re2/set.h>

namespace policygraph {

class AtomFilter {
 public:
  // Shorter atoms ("of", "s ") are in too many sentences to tell anything.
  static constexpr int kMinAtomBytes = 3;

  // A filter over `patterns` (RE2 syntax, RulePatternOptions); index i is patterns[i].
  explicit AtomFilter(const std::vector<const std::string*>& patterns);

  // False when pattern i has no atoms (or could not be analysed): it is never a candidate here.
  bool Filtered(size_t i) const { return filtered_[i]; }
  // Pattern i as the filter compiled it (with RulePatternOptions), or null when it could not.
  const RE2* Compiled(size_t i) const { return id_of_[i] < 0 ? nullptr : &filter_.GetRE2(id_of_[i]); }

  // Per-thread buffers for Candidates.
  struct Scratch {
    std::string folded;
    std::vector<int> atoms;
    std::vector<int> rules;
  };
  // The filtered patterns that may match `text`, in increasing order (valid until the next call
  // with the same scratch).
  const std::vector<int>& Candidates(std::string_view text, Scratch& scratch) const;

 private:
  re2::FilteredRE2 filter_{kMinAtomBytes};
  std::vector<int> pattern_of_;    // FilteredRE2 id -> pattern index
  std::vector<int> id_of_;         // pattern index -> FilteredRE2 id, or -1
  std::vector<bool> filtered_;     // per pattern index
  std::unique_ptr<RE2::Set> atoms_;  // nullptr: no atoms, or they could not be compiled
};

// `text` with every letter case-folded (Unicode simple folding: "Ä" -> "ä", "K" (Kelvin) -> "k"),
// appended to `out` after clearing it. Bytes that are not valid UTF-8 are copied as they are.
void FoldCase(std::string_view text, std::string& out);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_ATOM_FILTER_H_
