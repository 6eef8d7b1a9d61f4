// The registry of code stages, which register themselves from their folders (PG_REGISTER_STAGE in
// stages/<stage>/register.cc), and the default order of all stages. Rule-only stages (percent,
// money, dates, ...) are not registered: they exist because a rule file names them, and run wherever
// the default order puts their name.
#ifndef POLICYGRAPH_PIPELINE_CORE_STAGE_REGISTRY_H_
#define POLICYGRAPH_PIPELINE_CORE_STAGE_REGISTRY_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/registration.h"
#include "pipeline/rules/rule_book.h"
#include "pipeline/core/stage.h"

namespace policygraph {

struct StageContext {
  const RuleBook& book;
  const std::vector<std::string>& stage_order;  // the whole pipeline's stage names
};

// Where the rule stages run in the default order: a code stage of a lower `order` runs before them
// (it prepares the text), one of a higher order after them (it reads their mentions).
inline constexpr int kRuleStagesOrder = 500;

struct StageInfo {
  std::string_view name;
  std::string_view help;
  int order = 0;  // the stage's place in the default order, relative to kRuleStagesOrder
  std::function<std::unique_ptr<Stage>(const StageContext&)> make;
  bool runs_rules = false;  // reads rule files of its own name (relations); the others run none
};

// Every code stage, by `order` (then name): the same order in every build.
const std::vector<StageInfo>& CodeStages();
const StageInfo* FindCodeStage(std::string_view name);

// Stage names in default pipeline order. "*" marks where user-defined rule stages go.
const std::vector<std::string_view>& DefaultStageOrder();

// Adds a code stage to the registry; returns true. Called at static initialization, through
// PG_REGISTER_STAGE; the registry is read after main starts.
bool RegisterStage(StageInfo info);

// Registers a code stage from its folder (stages/<stage>/register.cc). The arguments initialize a
// StageInfo, e.g.
//   PG_REGISTER_STAGE(.name = "normalize", .help = "...", .order = 100,
//                     .make = [](const StageContext&) { return std::make_unique<NormalizeStage>(); });
// Nothing refers to the registering variable: the library is linked whole (CMakeLists.txt) so that
// the linker keeps it.
#define PG_REGISTER_STAGE(...)                                                     \
  [[maybe_unused]] static const bool PG_REGISTRATION_NAME(pg_stage_registered_) = \
      ::policygraph::RegisterStage(::policygraph::StageInfo{__VA_ARGS__})

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_CORE_STAGE_REGISTRY_H_
