// LexiconSet: the tries of several lexicons merged into one, so that a single walk from a position
// finds every lexicon's longest form there: what Lexicon::LongestAt of each would find, at the cost
// of the longest walk instead of one walk per lexicon. The rule matcher runs its lexicon rules
// over each sentence with it. Thread-safe (const after construction).
#ifndef POLICYGRAPH_PIPELINE_RULES_LEXICON_SET_H_
#define POLICYGRAPH_PIPELINE_RULES_LEXICON_SET_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "pipeline/rules/byte_trie.h"
#include "pipeline/rules/rule.h"

namespace policygraph {

class LexiconSet {
 public:
  // Lexicons with a form that starts with whitespace are left out (Accepts() is false): FormStarts
  // never yields such a position, so they are searched at every byte with Lexicon::FindFirst.
  explicit LexiconSet(const std::vector<const Lexicon*>& lexicons);

  bool Accepts(size_t k) const { return accepted_[k]; }

  // For each position of `starts` (ascending, from FormStarts(text)) where lexicon k has a form:
  // {position, end of its longest form there, its entry} appended to hits[k], for every accepted
  // k. `hits` is resized to the number of lexicons and cleared first.
  void HitsAt(std::string_view text, std::span<const uint32_t> starts,
              std::vector<std::vector<LexiconHit>>& hits) const;

 private:
  struct FormEnd {
    uint32_t lexicon = 0;
    const LexiconEntry* entry = nullptr;
    bool initial_only = false;  // a capitalized variant: only at offset 0
  };

  std::vector<bool> accepted_;
  ByteTrie trie_;                  // of every accepted lexicon's forms
  std::vector<uint32_t> first_end_;  // node n's form ends are ends_[first_end_[n], first_end_[n + 1])
  std::vector<FormEnd> ends_;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_LEXICON_SET_H_
