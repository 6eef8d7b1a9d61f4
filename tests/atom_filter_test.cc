// The atom prefilter: rules with literal atoms are picked by them, rules without are left to the
// sets, and no rule that matches a text is ever left out.
#include "pipeline/rules/atom_filter.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "pipeline/rules/prefilter.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

bool Has(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(AtomFilterTest, PicksRulesByTheirAtoms) {
  const std::string percent = R"(\d+\s+percent\b)";
  const std::string fiscal = R"((?i:fiscal)\s+year\s+\d{4})";
  const std::string digits = R"(\b\d+\b)";
  AtomFilter filter({&percent, &fiscal, &digits});
  EXPECT_TRUE(filter.Filtered(0));
  EXPECT_TRUE(filter.Filtered(1));
  EXPECT_FALSE(filter.Filtered(2)) << "no atom of 3 bytes: the caller scans for it";
  AtomFilter::Scratch scratch;
  EXPECT_EQ(filter.Candidates("Ten percent of FISCAL YEAR 2024", scratch), (std::vector<int>{0, 1}));
  EXPECT_EQ(filter.Candidates("The Fiscal Year began.", scratch), (std::vector<int>{1}));
  EXPECT_TRUE(filter.Candidates("Nothing to see in 2024.", scratch).empty());
}

TEST(AtomFilterTest, AlternativesNeedOnlyOneAtom) {
  const std::string unit = R"(\d+\s+(?:dollars|euros|yuan)\b)";
  AtomFilter filter({&unit});
  AtomFilter::Scratch scratch;
  EXPECT_TRUE(Has(filter.Candidates("5 EUROS", scratch), 0));
  EXPECT_TRUE(filter.Candidates("5 pounds", scratch).empty());
}

TEST(AtomFilterTest, FoldsNonAsciiLetters) {
  std::string out;
  FoldCase("ÉCOLE Straße KELVIN \xE2\x84\xAA", out);  // U+212A KELVIN SIGN folds to "k"
  EXPECT_EQ(out, "école straße kelvin k");
  FoldCase("a\xFF" "B", out);  // an invalid byte is kept
  EXPECT_EQ(out, "a\xFF" "b");
  const std::string ecole = R"((?i:école)\s+normale)";
  AtomFilter filter({&ecole});
  AtomFilter::Scratch scratch;
  EXPECT_TRUE(Has(filter.Candidates("ÉCOLE NORMALE", scratch), 0));
}

// The property the matcher relies on: over every example and negative of every default rule, in
// its own case and upper-cased, a rule whose pattern matches is a candidate or unfiltered.
TEST(AtomFilterTest, NeverLeavesOutAMatchingDefaultRule) {
  std::vector<const CompiledRule*> rules;
  std::vector<const std::string*> patterns;
  for (const CompiledRule& r : testing::Defaults().book->rules()) {
    if (r.lexicon != nullptr) continue;
    rules.push_back(&r);
    patterns.push_back(r.rule.filter_pattern.empty() ? &r.rule.expanded : &r.rule.filter_pattern);  // as the matcher
  }
  AtomFilter filter(patterns);
  size_t filtered = 0, checked = 0;
  AtomFilter::Scratch scratch;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!filter.Filtered(i)) continue;
    ++filtered;
    std::vector<std::string> texts;
    for (const RuleExample& e : rules[i]->rule.examples) texts.push_back(e.text);
    for (const RuleNegative& n : rules[i]->rule.negatives) texts.push_back(n.text);
    for (size_t k = 0, n = texts.size(); k < n; ++k) {
      std::string upper = texts[k];
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      texts.push_back(upper);
    }
    for (const std::string& text : texts) {
      if (!RE2::PartialMatch(text, rules[i]->re())) continue;
      ++checked;
      EXPECT_TRUE(Has(filter.Candidates(text, scratch), static_cast<int>(i)))
          << rules[i]->rule.id << " matches but is no candidate in: " << text;
    }
  }
  EXPECT_GT(filtered, rules.size() / 2) << "most rules have atoms";
  EXPECT_GT(checked, filtered);
}

// A rule's filter pattern (its large lexicons as wildcards) matches wherever the rule matches.
TEST(AtomFilterTest, FilterPatternsMatchWhereTheirRulesMatch) {
  size_t with_filter = 0, checked = 0;
  for (const CompiledRule& r : testing::Defaults().book->rules()) {
    if (r.lexicon != nullptr || r.rule.filter_pattern.empty()) continue;
    ++with_filter;
    EXPECT_NE(r.rule.filter_pattern.find("(?s:.*)"), std::string::npos) << r.rule.id;
    const RE2 filter(r.rule.filter_pattern, RulePatternOptions());
    ASSERT_TRUE(filter.ok()) << r.rule.id << ": " << filter.error();
    EXPECT_LT(filter.ProgramSize(), r.re().ProgramSize()) << r.rule.id;
    for (const RuleExample& e : r.rule.examples) {
      if (!RE2::PartialMatch(e.text, r.re())) continue;
      ++checked;
      EXPECT_TRUE(RE2::PartialMatch(e.text, filter)) << r.rule.id << ": " << e.text;
    }
  }
  EXPECT_GE(with_filter, 3u) << "the rules with large lexicons (places, organizations) have filter patterns";
  EXPECT_GT(checked, with_filter);
}

}  // namespace
}  // namespace policygraph
