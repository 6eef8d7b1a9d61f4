// RuleStage: the extractor stages that are nothing but rule files (percent, money, dates, places,
// and any stage a user's rule file defines). Consecutive rule stages are fused into one RuleStage
// so each sentence is scanned once by one prefilter (DESIGN.md §8); overlaps are then resolved per
// stage with the within-stage policy (pipeline/rules/overlap.h).
#ifndef POLICYGRAPH_PIPELINE_CORE_RULE_STAGE_H_
#define POLICYGRAPH_PIPELINE_CORE_RULE_STAGE_H_

#include <memory>
#include <string>
#include <vector>

#include "pipeline/rules/matcher.h"
#include "pipeline/rules/rule_book.h"
#include "pipeline/core/stage.h"

namespace policygraph {

class RuleStage : public Stage {
 public:
  // The rules of `stage_names` in `book`. REQUIRES: `book` outlives the stage.
  RuleStage(const RuleBook& book, std::vector<std::string> stage_names);

  const std::string& Name() const override { return name_; }
  std::vector<std::string> Needs() const override { return {"view", "sentences"}; }
  std::vector<std::string> Provides() const override { return provides_; }
  Status Process(Document& doc, Annotations& out) const override;
  bool Batches() const override { return true; }
  bool ProcessBatch(std::span<Document* const> docs, std::span<Annotations* const> outs) const override;

  const std::vector<std::string>& stage_names() const { return stage_names_; }

 private:
  // Appends a document's kept mentions to its annotations.
  static void Append(std::vector<Mention> found, Annotations& out);

  std::vector<std::string> stage_names_;
  std::string name_;
  std::vector<std::string> provides_;
  std::unique_ptr<RuleMatcher> matcher_;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_CORE_RULE_STAGE_H_
