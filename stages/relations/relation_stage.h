// Stage `relations`: typed relations between mentions (PLAN TARGETS SECTOR, CENTER
// ESTABLISHED_IN DATE, ...). Each sentence is rewritten with its mentions replaced by typed
// placeholders ("⟨PLAN⟩ was released in ⟨DATE⟩"), and the relation rules of
// stages/relations/rules.yaml match that text:
//   - group `subject` holds the subject's placeholder (or the rule has params {subject: DOCUMENT});
//   - group `object` holds one or more placeholders: a coordination ("⟨SECTOR⟩, ⟨SECTOR⟩, and
//     ⟨SECTOR⟩") gives one relation per member;
//   - any other named group holding a placeholder becomes an attribute named after the group, with
//     that mention's normalized value (`period`, `by`, `as_of`).
// Reference phrases ("the plan", "these centers", "the ministry") stand for the most recent
// earlier mention of a compatible type in the document and become that mention's placeholder.
// Lexicon codes give relations too: an entity whose attributes name a country (`country: CN`) is
// LOCATED_IN that country; a plan with a `period` SPANS it. Groups `object2`, `object3`... add
// objects from further clauses; a named group that holds words but no placeholder is a flag
// attribute (true).
#ifndef POLICYGRAPH_STAGES_RELATIONS_RELATION_STAGE_H_
#define POLICYGRAPH_STAGES_RELATIONS_RELATION_STAGE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <re2/set.h>

#include "pipeline/rules/rule_book.h"
#include "pipeline/stage.h"

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

 private:
  struct Placeholders;
  // Mention indices per type, ordered by end offset.
  using MentionsByType = std::map<std::string, std::vector<uint32_t>>;
  static MentionsByType IndexByType(const Annotations& ann);
  // The placeholder text of sentence `index` whose mentions are `inside`.
  Placeholders Build(const Document& doc, const Annotations& ann, int32_t index, std::vector<uint32_t> inside,
                     const MentionsByType& by_type) const;
  void MatchRule(const CompiledRule& rule, const Document& doc, const Placeholders& ph, int32_t index,
                 Annotations& out) const;
  void AddCodeRelations(Annotations& out) const;

  std::vector<const CompiledRule*> rules_;
  std::unique_ptr<RE2::Set> set_;
  std::map<std::string, std::string> country_by_iso2_;  // from lexicons with kind=country
};

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_RELATIONS_RELATION_STAGE_H_
