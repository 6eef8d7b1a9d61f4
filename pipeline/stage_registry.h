// The one explicit registry of built-in code stages, and the default order of all stages.
// Rule-only stages (percent, money, dates, ...) are not listed here: they exist because a rule
// file names them, and run wherever the default order puts their name.
#ifndef POLICYGRAPH_PIPELINE_STAGE_REGISTRY_H_
#define POLICYGRAPH_PIPELINE_STAGE_REGISTRY_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/rules/rule_book.h"
#include "pipeline/stage.h"

namespace policygraph {

struct StageContext {
  const RuleBook& book;
  const std::vector<std::string>& stage_order;  // the whole pipeline's stage names
};

struct StageInfo {
  std::string_view name;
  std::string_view help;
  std::function<std::unique_ptr<Stage>(const StageContext&)> make;
  bool runs_rules = false;  // reads rule files of its own name (relations); the others run none
};

// Every built-in code stage.
const std::vector<StageInfo>& CodeStages();
const StageInfo* FindCodeStage(std::string_view name);

// Stage names in default pipeline order. "*" marks where user-defined rule stages go.
const std::vector<std::string_view>& DefaultStageOrder();

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_STAGE_REGISTRY_H_
