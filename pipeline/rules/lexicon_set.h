// LexiconSet: the tries of several lexicons merged into one, so that a single walk from a position
// finds every lexicon's longest form there: what Lexicon::LongestAt of each would find, at the cost
// of the longest walk instead of one walk per lexicon. The rule matcher runs its lexicon rules
// over each sentence with it. Thread-safe (const after construction).
#ifndef POLICYGRAPH_PIPELINE_RULES_LEXICON_SET_H_
#define POLICYGRAPH_PIPELINE_RULES_LEXICON_SET_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

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
  struct Node {
    uint32_t first_kid = 0, kid_count = 0;    // kid_bytes_ / kid_nodes_ [first_kid, + kid_count)
    uint32_t first_end = 0, end_count = 0;    // ends_ [first_end, + end_count): forms ending here
  };
  struct FormEnd {
    uint32_t lexicon = 0;
    const LexiconEntry* entry = nullptr;
    bool initial_only = false;  // a capitalized variant: only at offset 0
  };
  uint32_t Child(uint32_t node, char c) const;

  std::vector<bool> accepted_;
  std::vector<Node> nodes_;  // nodes_[0] is the root
  std::vector<char> kid_bytes_;
  std::vector<uint32_t> kid_nodes_;
  std::vector<FormEnd> ends_;
  std::array<uint32_t, 256> root_child_{};  // 0: no form starts with the byte
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_LEXICON_SET_H_
