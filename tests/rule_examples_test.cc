// Every example and negative of every default rule file, as one test per rule (Duckling style):
// an expected mention must be found exactly once with its value; a negative must yield nothing.
#include <gtest/gtest.h>

#include "pipeline/rules/example_check.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

std::vector<std::string> RuleIds() {
  std::vector<std::string> ids;
  for (const CompiledRule& r : testing::Defaults().book->rules()) ids.push_back(r.rule.id);
  return ids;
}

class RuleExamplesTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleExamplesTest, ExamplesPass) {
  const auto& d = testing::Defaults();
  // Prefix match on the exact id: "x.a" must not also check "x.ab".
  ExampleReport report = CheckExamples(*d.book, *d.pipeline, GetParam());
  for (const ExampleFailure& f : report.failures) {
    if (f.rule_id == GetParam()) ADD_FAILURE() << f.ToString();
  }
}

INSTANTIATE_TEST_SUITE_P(AllRules, RuleExamplesTest, ::testing::ValuesIn(RuleIds()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(RuleExamplesCoverageTest, EveryRuleHasAnExample) {
  for (const CompiledRule& r : testing::Defaults().book->rules()) {
    EXPECT_FALSE(r.rule.examples.empty()) << r.rule.where.ToString() << ": rule " << r.rule.id << " has no examples";
  }
}

}  // namespace
}  // namespace policygraph
