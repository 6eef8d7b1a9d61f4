// Stage `relations`: typed relations between mentions (PLAN TARGETS SECTOR, CENTER
// ESTABLISHED_IN DATE, ...). Each sentence is rewritten with its mentions replaced by typed
// placeholders ("⟨PLAN⟩ was released in ⟨DATE⟩"), and the relation rules of
// stages/relations/rules.yaml match that text:
//   - group `subject` holds the subject's placeholder (or the rule has params {subject: DOCUMENT});
//   - group `object` holds one or more placeholders: a coordination ("⟨SECTOR⟩, ⟨SECTOR⟩, and
//     ⟨SECTOR⟩") gives one relation per member;
//   - any other named group holding a placeholder becomes an attribute named after the group, with
//     that mention's normalized value (`period`, `by`, `as_of`).
// Frame rules (params {subject: {types, at}, object: {types, at}}, pipeline/rules/relation_frame.h)
// match only their trigger words; the arguments are found around the trigger by clause structure
// (clause.h): active ("⟨ORG⟩ awarded ⟨MONEY⟩"), passive and participles ("⟨CENTER⟩, led by ⟨ORG⟩"),
// nominal ("⟨MONEY⟩ investment"), relative clauses and lists on either side.
// Reference phrases ("the plan", "these centers", "the company") and pronouns ("it", "its",
// "they") stand for the most recent earlier mention of a compatible type in the document and
// become that mention's placeholder; the nouns and pronouns are lexicons of the rule file.
// Lexicon codes give relations too: an entity whose attributes name a country (`country: CN`) is
// LOCATED_IN that country; a plan with a `period` SPANS it. Groups `object2`, `object3`... add
// objects from further clauses; a named group that holds words but no placeholder is a flag
// attribute (true).
#ifndef POLICYGRAPH_STAGES_RELATIONS_RELATION_STAGE_H_
#define POLICYGRAPH_STAGES_RELATIONS_RELATION_STAGE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <re2/set.h>
#include <tbb/collaborative_call_once.h>

#include "pipeline/rules/relation_frame.h"
#include "pipeline/rules/rule_book.h"
#include "pipeline/core/stage.h"
#include "stages/relations/clause.h"

namespace policygraph {

class RelationStage : public Stage {
 public:
  // The rules of stage "relations" in `book`. REQUIRES: `book` outlives the stage.
  explicit RelationStage(const RuleBook& book);

  const std::string& Name() const override;
  std::vector<std::string> Needs() const override { return {"sentences", "resolved"}; }
  std::vector<std::string> Provides() const override { return {"relations"}; }
  Status Process(Document& doc, Annotations& out) const override;

  // The placeholder text of sentence `index` (for `rules explain` and tests).
  std::string PlaceholderText(const Document& doc, const Annotations& ann, int32_t index) const;

 // A mention or internal end of a placeholder sentence, by its view span (public for helpers of the .cc).
  struct Item {
    Span span;
    uint32_t mention;  // index into the mentions, or kReferenceBit | index into the references
  };

 private:
  struct Placeholders;
  // Mention indices per type, ordered by end offset.
  using MentionsByType = std::map<std::string, std::vector<uint32_t>>;
  static MentionsByType IndexByType(const Annotations& ann);
  // The placeholder text of sentence `index` whose mentions are `inside`.
  Placeholders Build(const Document& doc, const Annotations& ann, int32_t index, std::vector<uint32_t> inside,
                     const MentionsByType& by_type) const;
  // Runs a pattern rule over one placeholder sentence; gives up when `late` says the deadline passed.
  void MatchRule(const CompiledRule& rule, const Document& doc, const Placeholders& ph, int32_t index,
                 Annotations& out, DeadlineCheck& late) const;
  // The hits of trigger lexicons in one placeholder sentence, each lexicon searched once.
  struct TriggerHits {
    std::vector<uint32_t> starts;  // FormStarts of the sentence
    bool have_starts = false;
    std::map<const Lexicon*, std::vector<LexiconHit>> by_lexicon;
    const std::vector<LexiconHit>& Of(const Lexicon* lex, std::string_view text);
  };
  // The clause structure of a placeholder sentence (a town's region marked as such).
  std::unique_ptr<ClauseReader> Reader(const Placeholders& ph) const;
  // Runs a frame rule; `reader` is the sentence's clause reader, built at the first trigger. Gives
  // up when `late` says the deadline passed.
  void MatchFrame(const CompiledRule& rule, const RelationFrame& frame, const std::vector<const Lexicon*>& trigger_lexicons,
                  const Document& doc, const Placeholders& ph, int32_t index, std::unique_ptr<ClauseReader>& reader,
                  TriggerHits& hits, Annotations& out, DeadlineCheck& late) const;
  // Reference phrases ("the plan", "it") in the gaps between `items`: internal ends of the most
  // recent earlier mention of a compatible type.
  void AddReferences(const Document& doc, const Annotations& ann, int32_t index, const std::vector<Item>& items,
                     const MentionsByType& by_type, std::vector<Item>& refs, std::vector<Mention>& references) const;
  // Adjectives of places in the gaps ("the Chinese centers"; lexicon `demonym`): internal ends of
  // their place (lexicon `place`), though no mention.
  void AddDemonyms(const Document& doc, int32_t index, const std::vector<Item>& items, std::vector<Item>& refs,
                   std::vector<Mention>& references) const;
  // The relations of one frame trigger (`trigger`, in placeholder text) whose arguments were found:
  // subject -> object for each pair (none when both sides are lists), and the frame's `pairs`
  // relation between the subjects.
  void AddFrameRelations(const Rule& rule, const RelationFrame& frame, const ClauseReader& reader, const Document& doc,
                         const Placeholders& ph, int32_t index, Span trigger, const std::string& trigger_text,
                         const std::vector<int>& subjects, const std::vector<int>& objects, Annotations& out) const;
  void AddCodeRelations(Annotations& out) const;
  // The mention types a reference word ("plan", "it") may stand for; nullptr when it is none.
  const std::vector<std::string>* ReferenceTypes(std::string_view word, bool pronoun) const;

  std::vector<const CompiledRule*> rules_;
  std::vector<std::optional<RelationFrame>> frames_;  // per rule in rules_: its frame, if a frame rule
  // Per rule in rules_: the lexicons whose tries find a frame's triggers (empty: its regex does).
  std::vector<std::vector<const Lexicon*>> frame_lexicons_;
  ClauseWords clause_words_;
  std::map<std::string, std::vector<std::string>> reference_nouns_;     // lower-case noun -> types
  std::map<std::string, std::vector<std::string>> reference_pronouns_;  // lower-case pronoun -> types
  std::unique_ptr<RE2> reference_re_;
  const Lexicon* demonyms_ = nullptr;  // adjectives of places -> their place's name (attr `country`)
  const Lexicon* places_ = nullptr;  // determiner (+ modifier) + noun, or a pronoun
  // Over the pattern rules and the frames whose triggers no lexicon finds (their regexes); compiled
  // when the first document needs it. Null when it cannot be built (then every rule runs).
  const RE2::Set* Set() const;
  std::vector<const std::string*> set_patterns_;
  mutable std::unique_ptr<RE2::Set> set_;
  std::unique_ptr<tbb::collaborative_once_flag> set_once_ = std::make_unique<tbb::collaborative_once_flag>();
  std::vector<int> set_rules_;     // set pattern index -> index into rules_
  std::vector<int> document_rules_;  // pattern rules whose subject is the document (one end suffices)
  std::map<std::string, std::string> country_by_iso2_;  // from lexicons with kind=country
};

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_RELATIONS_RELATION_STAGE_H_
