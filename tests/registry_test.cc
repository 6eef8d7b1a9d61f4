// The registries of code stages and normalizers: every stage of the default order and every
// normalizer a default rule names is registered (a registration the linker dropped fails here),
// and the registries list them in the same order in every build.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "pipeline/core/pipeline.h"
#include "pipeline/rules/normalizer.h"
#include "pipeline/core/stage_registry.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

const RuleBook& Book() { return *testing::Defaults().book; }

TEST(RegistryTest, CodeStagesAreListedInTheOrderTheyRun) {
  std::vector<std::string_view> names;
  for (const StageInfo& s : CodeStages()) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string_view>{"normalize", "sentences", "resolve", "acronyms", "relations"}));
}

TEST(RegistryTest, EveryNameOfTheDefaultOrderIsAStage) {
  for (std::string_view name : DefaultStageOrder()) {
    if (name == "*") continue;
    const bool rule_stage = std::find(Book().stages().begin(), Book().stages().end(), name) != Book().stages().end();
    EXPECT_TRUE(FindCodeStage(name) != nullptr || rule_stage) << "no stage '" << name << "'";
  }
  EXPECT_EQ(Pipeline::DefaultStages(Book()),
            (std::vector<std::string>{"normalize", "sentences", "percent", "money", "counts", "dates", "places",
                                      "sectors", "orgs", "centers", "plans", "resolve", "acronyms", "relations"}));
}

TEST(RegistryTest, EveryNormalizerADefaultRuleNamesIsRegistered) {
  for (const CompiledRule& r : Book().rules()) {
    EXPECT_NE(FindNormalizer(r.rule.normalizer), nullptr) << r.rule.id << ": " << r.rule.normalizer;
    for (const AlsoMention& a : r.rule.also) {
      if (a.normalizer.empty()) continue;  // the rule's own
      EXPECT_NE(FindNormalizer(a.normalizer), nullptr) << r.rule.id << " also: " << a.normalizer;
    }
  }
}

TEST(RegistryTest, NormalizersAreTheGenericOnesThenTheStagesByName) {
  const std::vector<NormalizerSpec>& all = AllNormalizers();
  std::vector<std::string_view> names;
  for (const NormalizerSpec& n : all) names.push_back(n.name);
  ASSERT_GT(names.size(), 4u);
  EXPECT_EQ(std::vector<std::string_view>(names.begin(), names.begin() + 4),
            (std::vector<std::string_view>{"text", "lexicon", "constant", "relation"}));
  EXPECT_TRUE(std::is_sorted(names.begin() + 4, names.end()));
  EXPECT_EQ(std::set<std::string_view>(names.begin(), names.end()).size(), names.size()) << "a name registered twice";
}

}  // namespace
}  // namespace policygraph
