// RuleMatcher: runs a group of compiled rules over a document's sentences. One RE2::Set per
// matcher tells, per sentence, which rules can fire; only those run a full match. Candidates
// carry spans in both the view and the original text. Thread-safe (const after construction).
#ifndef POLICYGRAPH_PIPELINE_RULES_MATCHER_H_
#define POLICYGRAPH_PIPELINE_RULES_MATCHER_H_

#include <memory>
#include <vector>

#include <re2/set.h>

#include "pipeline/annotations.h"
#include "pipeline/document.h"
#include "pipeline/rules/normalizer.h"
#include "pipeline/rules/rule_book.h"

namespace policygraph {

class RuleMatcher {
 public:
  RuleMatcher(std::vector<const CompiledRule*> rules, std::vector<const Lexicon*> lexicons);

  // Appends every candidate mention of every rule in sentence `index` of `doc` to `out`.
  // REQUIRES: the normalize and sentences stages have run.
  void MatchSentence(const Document& doc, int32_t index, std::vector<Mention>& out) const;

  const std::vector<const CompiledRule*>& rules() const { return rules_; }

 private:
  void MatchRule(const CompiledRule& rule, const Document& doc, int32_t index, std::vector<Mention>& out) const;
  // Appends the companion mention `also` of one match (rule key `also:`) whose main mention has
  // view span `parent`.
  void EmitAlso(const CompiledRule& rule, const AlsoMention& also, const Document& doc, int32_t index,
                const std::vector<re2::StringPiece>& groups, Span parent, std::vector<Mention>& out) const;
  Mention MakeMention(const Rule& rule, const std::string& type, const Document& doc, int32_t index,
                      re2::StringPiece reported, NormalizedValue value) const;

  std::vector<const CompiledRule*> rules_;
  std::vector<const Lexicon*> lexicons_;
  std::unique_ptr<RE2::Set> set_;  // nullptr when the set could not be built: every rule runs
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_MATCHER_H_
