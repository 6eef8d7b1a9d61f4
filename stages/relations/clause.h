// Clause structure of a placeholder sentence ("⟨ORG⟩, led by ⟨ORG⟩, will invest ⟨MONEY⟩ …"),
// just enough to find a relation frame's arguments around its trigger: clause bounds (";", an
// unpaired dash; ":" ends a subject's reach only), parentheses and dash pairs set aside, introductory phrases ("In July 2022,",
// "Through the X program,"), subordinate and relative clauses ("that …", ", which …", whose
// subject is the antecedent), possessors ("⟨ORG⟩'s ⟨PLAN⟩") and coordinated lists ("⟨A⟩, ⟨B⟩
// and ⟨C⟩": one argument per member). The words it needs (openers, introductory words,
// coordinators) come from the relations rule file's lexicons.
#ifndef POLICYGRAPH_STAGES_RELATIONS_CLAUSE_H_
#define POLICYGRAPH_STAGES_RELATIONS_CLAUSE_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/rules/relation_frame.h"

namespace policygraph {

// Lower-case words by their role in a clause.
using WordSet = std::set<std::string, std::less<>>;
struct ClauseWords {
  WordSet relatives;      // which, who, that: the clause's subject is the antecedent
  WordSet subordinators;  // while, because, if, that (complementizer), ...
  WordSet intro;          // words that open an introductory phrase ending in a comma
  WordSet interrupters;   // words that open ", led by X," or ", a company," after a comma
  WordSet coordinators;   // and, or, as well as: joiners of list members
  WordSet list_fillers;   // words allowed before a list member: the, more than, ...
  WordSet passive_after;  // by, under, pursuant: "established by", "designated pursuant to"
  WordSet passive_before; // as, is, was, been: "as authorized", "was designated"
  WordSet participles;    // irregular past participles (led, spent, built)
};

// A placeholder in the sentence: [start, end) in the text and the type it stands for.
struct ClauseSlot {
  uint32_t start = 0, end = 0;
  const std::string* type = nullptr;
  // The region a town lies in, written after it ("Greensboro, North Carolina"): no list member
  // of its own, and no break in the list.
  bool region_of_previous = false;
  // A value (amount, date, count): one in parentheses still belongs to the clause ("provide
  // funding ($4.5 million)", "over five years (FY2022 through FY2026)").
  bool value = false;
};

class ClauseReader {
 public:
  // `slots` ordered by start. REQUIRES: `text` and `words` outlive the reader.
  ClauseReader(std::string_view text, std::vector<ClauseSlot> slots, const ClauseWords& words);
  ClauseReader(const ClauseReader&) = delete;  // its words view its own lower-cased copy
  ClauseReader& operator=(const ClauseReader&) = delete;

  // The slots that fill `slot` for a trigger at [ts, te): the one found at its place, then the
  // members coordinated with it. Empty when none.
  std::vector<int> Find(const FrameSlot& slot, uint32_t ts, uint32_t te, bool lists_across_semicolons) const;

  const ClauseSlot& slot(int i) const { return slots_[i]; }

  // True when the trigger at [ts, te) is a passive or a participle ("established by this Act", "as
  // authorized", "funds appropriated under section 5"): its clause's subject is not its agent.
  bool Passive(uint32_t ts, uint32_t te) const;

 private:
  std::pair<uint32_t, uint32_t> ClauseAround(uint32_t ts, uint32_t te) const;
  // Where the trigger's own clause starts within [from, ts): after the last subordinator, relative
  // pronoun or ", and" before it. `opener` is that word's offset; `relative` says which kind.
  struct Opening {
    uint32_t start, opener;
    bool opened, relative;
    bool coordinated;  // ", and": the clause may share the subject of the one before
  };
  Opening OpeningBefore(uint32_t from, uint32_t ts) const;
  // True when slot `i` lies inside an interrupting phrase (", led by X,") of [from, ts).
  bool Interrupted(int i, uint32_t from, uint32_t ts) const;
  int Head(const FrameSlot& slot, uint32_t from, uint32_t ts, uint32_t clause_start) const;
  int Before(const FrameSlot& slot, uint32_t from, uint32_t ts) const;
  int After(const FrameSlot& slot, uint32_t te, uint32_t to) const;
  int Next(const FrameSlot& slot, uint32_t te, uint32_t to) const;
  int Adjacent(const FrameSlot& slot, uint32_t ts, uint32_t te, uint32_t from, uint32_t to) const;
  int Nearest(const FrameSlot& slot, uint32_t ts, uint32_t te, uint32_t from, uint32_t to) const;
  std::vector<int> Coordinated(int first, const FrameSlot& slot, uint32_t to, bool semicolons) const;
  // True when [a, b) lies inside a set-aside range (parenthesis, dash pair) that `keep` is not in.
  bool SetAside(uint32_t a, uint32_t b, uint32_t keep) const;
  // Whether slot `i` can be an argument for a trigger at `keep`: not set aside, unless a value.
  bool Visible(int i, uint32_t keep) const;
  bool Possessor(int i) const;
  // The words of [from, to) outside set-aside ranges, lower-cased, with their offsets (at most
  // `max_words` of them).
  std::vector<std::pair<uint32_t, std::string_view>> WordsIn(uint32_t from, uint32_t to, uint32_t keep,
                                                             size_t max_words = SIZE_MAX) const;
  // How many such words there are, counting no further than `cap` + 1.
  size_t CountWordsIn(uint32_t from, uint32_t to, uint32_t keep, size_t cap) const;

  std::string_view text_;
  std::vector<ClauseSlot> slots_;
  const ClauseWords& words_;
  std::vector<std::pair<uint32_t, uint32_t>> aside_;  // parentheses and dash pairs
  std::vector<uint32_t> breaks_;                      // ; : and unpaired dashes
  std::vector<uint32_t> colons_;                      // ':' (ends a subject's reach, not an object's)
  // Every word outside placeholders, lower-cased, by offset (WordsIn filters these).
  std::string lower_;  // the text lower-cased (ASCII); words_by_offset_ views into it
  std::vector<std::pair<uint32_t, std::string_view>> words_by_offset_;
  // At most this many words between a clause's subject and its trigger, and between a trigger and
  // the object after it (a list of amounts in a law is no sentence about one of them).
  static constexpr size_t kMaxHeadWords = 30, kMaxAfterWords = 12;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_RELATIONS_CLAUSE_H_
