// RuleMatcher: runs a group of compiled rules over a document's sentences. An AtomFilter (the
// literal strings each rule's matches contain) and, for the rules without such strings, one
// RE2::Set per stage tell, per sentence, which rules can fire; only those run a full match. A
// rule whose whole pattern is one lexicon group, `(?P<name>{lexicon})`, is in neither: the
// lexicons' tries, merged into one LexiconSet, find the same matches far faster than a DFA over
// thousands of alternatives, in one walk per word start for all of them (and keep the sets' DFAs
// small). Candidates carry spans in both the view and the original text.
// Thread-safe (const after construction; the sets compile on first use).
#ifndef POLICYGRAPH_PIPELINE_RULES_MATCHER_H_
#define POLICYGRAPH_PIPELINE_RULES_MATCHER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <re2/set.h>
#include <tbb/collaborative_call_once.h>

#include "pipeline/core/annotations.h"
#include "pipeline/core/document.h"
#include "pipeline/rules/atom_filter.h"
#include "pipeline/rules/lexicon_set.h"
#include "pipeline/rules/normalizer.h"
#include "pipeline/rules/rule_book.h"

namespace policygraph {

class RuleMatcher {
 public:
  RuleMatcher(std::vector<const CompiledRule*> rules, std::vector<const Lexicon*> lexicons);

  // Appends every candidate mention of every rule in each sentence of `doc` to `out`, sentence by
  // sentence (within a sentence: lexicon rules, then each stage's rules, in rule order). The work
  // is done one set or rule at a time over all sentences, so each automaton stays in cache; a
  // document of 4 MB or more is matched in parallel chunks of about 1 MB (oneTBB; the output does
  // not depend on it).
  // With `each_chunk`, the candidates of each chunk pass through it (on the thread that matched
  // them) before they are appended; it returns false to give up.
  // Returns false, with `out` incomplete, when `expired()` turned true or `each_chunk` gave up.
  // REQUIRES: the normalize and sentences stages have run.
  using ChunkFilter = std::function<bool(std::vector<Mention>&)>;
  bool MatchDocument(const Document& doc, std::vector<Mention>& out, const std::function<bool()>& expired,
                     const ChunkFilter& each_chunk = nullptr) const;

  // MatchDocument over several documents at once, outs[i] for docs[i] (each empty before), without
  // `each_chunk`'s chunks: each rule runs over the sentences of all of them in turn, so its
  // automaton stays in cache across small documents (a batch of 7 KB documents matched one by one
  // ran 2.5x slower than the same text in one document). The mentions are those MatchDocument
  // finds for each. Returns false, with `outs` incomplete, when `expired()` turned true.
  bool MatchDocuments(std::span<const Document* const> docs, std::span<std::vector<Mention>> outs,
                      const std::function<bool()>& expired) const;

  const std::vector<const CompiledRule*>& rules() const { return rules_; }

 private:
  // The sentences [first, last) of one document, matched with others, and where their candidates
  // go (empty before).
  struct Piece {
    const Document* doc;
    int32_t first, last;
    std::vector<Mention>* found;
  };
  // Per rule index, the (piece, sentence) pairs it runs on, in order.
  using Firings = std::vector<std::vector<std::pair<uint32_t, int32_t>>>;
  // Matches every piece, rule by rule over all of them. Returns false when `late` turned true.
  bool MatchPieces(std::span<const Piece> pieces, DeadlineCheck& late) const;
  // Which rules of set group `g` can fire in each sentence of the pieces. Returns false when
  // `late` turned true.
  bool FireSet(std::span<const Piece> pieces, size_t g, Firings& firings, DeadlineCheck& late) const;
  // The same for the rules the atom filter picks.
  bool FireAtoms(std::span<const Piece> pieces, Firings& firings, DeadlineCheck& late) const;
  // Appends the mentions of one rule in sentence `index`; returns false, with `out` incomplete,
  // when `late` turned true.
  bool MatchRule(size_t rule_index, const Document& doc, int32_t index, std::vector<Mention>& out,
                 DeadlineCheck& late) const;
  // Where lexicon forms can start (FormStarts), for the sentences [first, last) of a document.
  struct FormStartIndex {
    std::vector<uint32_t> starts;  // sentence-relative offsets, sentence after sentence
    std::vector<size_t> first;     // per sentence, its first entry in `starts`; then the end
    // `sentence` counts from the first sentence indexed.
    std::span<const uint32_t> Of(int32_t sentence) const {
      const size_t i = static_cast<size_t>(sentence);
      return std::span<const uint32_t>(starts).subspan(first[i], first[i + 1] - first[i]);
    }
  };
  static FormStartIndex IndexFormStarts(const Document& doc, int32_t first, int32_t last);
  // The lexicon rules over sentence `index`, in rule order: those of the lexicon set from its one
  // walk (`hits`, scratch), the others each with its own lexicon's search.
  void MatchLexiconRules(const Document& doc, int32_t index, std::span<const uint32_t> starts,
                         std::vector<std::vector<LexiconHit>>& hits, std::vector<Mention>& out) const;
  // One lexicon rule's mentions in sentence `index`, from its lexicon's hits at each form start
  // (each start where the lexicon has a form, with its longest form there).
  void MatchLexiconHits(size_t rule_index, const Document& doc, int32_t index, std::span<const LexiconHit> hits,
                        std::vector<Mention>& out) const;
  // The same for a lexicon the set does not hold, searched on its own.
  void MatchLexiconRule(size_t rule_index, const Document& doc, int32_t index, std::span<const uint32_t> starts,
                        std::vector<Mention>& out) const;
  // Normalizes one match and appends its mention; returns the mention's view span, or nothing when
  // the normalizer rejected the match. `reported` points into the document's view.
  std::optional<Span> Emit(size_t rule_index, const Document& doc, int32_t index, std::string_view reported,
                           const std::vector<std::pair<std::string_view, std::string_view>>& named,
                           std::vector<Mention>& out) const;
  // Appends the companion mention `also` of one match (rule key `also:`) whose main mention has
  // view span `parent`.
  void EmitAlso(const CompiledRule& rule, const RE2& re, const AlsoMention& also, const Document& doc, int32_t index,
                const std::vector<re2::StringPiece>& groups, Span parent, std::vector<Mention>& out) const;
  Mention MakeMention(const Rule& rule, const std::string& type, const Document& doc, int32_t index,
                      std::string_view reported, NormalizedValue value) const;

  std::vector<const CompiledRule*> rules_;
  std::vector<size_t> lexicon_rules_;      // indexes of the rules matched by lexicon trie
  mutable std::vector<int> lexicon_slot_;  // per lexicon rule, its lexicon in lexicon_set_ (-1: not there)
  mutable std::unique_ptr<LexiconSet> lexicon_set_;  // the lexicons of lexicon_rules_, each once
  std::vector<const NormalizerSpec*> normalizers_;  // per rule index, its normalizer (nullptr: unknown)
  struct SetGroup {
    std::vector<size_t> rules;      // the stage's rules, in the order they run
    std::vector<size_t> set_rules;  // the rules without atoms; set index -> rule index
    std::unique_ptr<RE2::Set> set;  // over set_rules; nullptr when it could not be built: they all run
  };
  // Builds the lexicon set and the atom filter and compiles the sets, once, when the first document
  // needs them (threads that need them meanwhile help, then wait): a process that matches nothing
  // does not pay for them.
  void CompileSets() const;
  mutable std::vector<SetGroup> sets_;  // one per stage
  mutable std::unique_ptr<AtomFilter> atoms_;  // over atom_rules_, the rules of all sets
  mutable std::vector<size_t> atom_rules_;     // atom filter index -> rule index
  // Per rule index, its pattern as the atom filter compiled it (re null: the rule compiles its
  // own), so that a process compiles each pattern once.
  struct FilterRe {
    const RE2* re = nullptr;
    int mention_group = 0;  // MentionGroup(*re)
  };
  mutable std::vector<FilterRe> filter_re_;
  std::unique_ptr<tbb::collaborative_once_flag> sets_once_ = std::make_unique<tbb::collaborative_once_flag>();
  std::vector<const Lexicon*> lexicons_;
  // Per rule index, how many of its matches took a branch without the mention group (up to
  // kMentionFilterAfter): past that, the rule's mention filter (RulePattern::mention_filter) is
  // compiled and checks each sentence first. A run that would not repay its compile never builds it.
  static constexpr uint32_t kMentionFilterAfter = 1024;
  std::unique_ptr<std::atomic<uint32_t>[]> mentionless_;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_MATCHER_H_
