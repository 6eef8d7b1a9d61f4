// The registry of code stages and the default stage order (stage_registry.h).
#include "pipeline/core/stage_registry.h"

#include <algorithm>
#include <array>

namespace policygraph {
namespace {

// The default rules' stages in the order they run, between the code stages below and above
// kRuleStagesOrder. "*": any other rule stage (a user's).
constexpr std::array<std::string_view, 10> kRuleStages = {"percent", "money", "counts",  "dates", "places",
                                                          "sectors", "orgs",  "centers", "plans", "*"};

// The code stages as registered: in static-initialization order, which no build fixes.
std::vector<StageInfo>& Registered() {
  static std::vector<StageInfo> registered;
  return registered;
}

}  // namespace

const std::vector<StageInfo>& CodeStages() {
  static const std::vector<StageInfo> kStages = [] {
    std::vector<StageInfo> stages = Registered();
    std::sort(stages.begin(), stages.end(), [](const StageInfo& a, const StageInfo& b) {
      return a.order != b.order ? a.order < b.order : a.name < b.name;
    });
    return stages;
  }();
  return kStages;
}

const StageInfo* FindCodeStage(std::string_view name) {
  for (const StageInfo& s : CodeStages()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const std::vector<std::string_view>& DefaultStageOrder() {
  static const std::vector<std::string_view> kOrder = [] {
    std::vector<std::string_view> order;
    for (const StageInfo& s : CodeStages()) {
      if (s.order < kRuleStagesOrder) order.push_back(s.name);
    }
    order.insert(order.end(), kRuleStages.begin(), kRuleStages.end());
    for (const StageInfo& s : CodeStages()) {
      if (s.order >= kRuleStagesOrder) order.push_back(s.name);
    }
    return order;
  }();
  return kOrder;
}

bool RegisterStage(StageInfo info) {
  Registered().push_back(std::move(info));
  return true;
}

}  // namespace policygraph
