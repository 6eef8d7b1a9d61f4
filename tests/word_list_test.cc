// Word lists: the TSV language data of the stages, found by name and replaced by a --rules file.
#include "pipeline/rules/word_list.h"

#include <gtest/gtest.h>

#include "pipeline/rules/rule_book.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

TEST(WordListTest, EveryListLoads) {
  for (const char* name : {"months", "weekdays", "time_units", "relative_words", "temporal_mods", "count_words",
                           "decade_words", "tense_words", "ordinals", "number_words", "qualifiers", "head_nouns",
                           "stop_words", "generic_modifiers", "name_connectors", "place_prefixes", "company_suffixes",
                           "body_followers", "venue_words", "facility_heads", "word_prefixes", "heading_nouns",
                           "function_words", "non_count_heads", "label_words", "abbreviations", "year_nouns", "date_cues",
                           "scale_words", "fraction_words", "plan_countries", "yen_sign_cues", "address_words",
                           "parent_bodies", "review_panels", "change_verbs", "place_modifiers", "sector_nouns"}) {
    EXPECT_FALSE(WordList(name).entries.empty()) << name;
  }
  EXPECT_THROW(WordList("no_such_list"), std::logic_error);
}

TEST(WordListTest, LookupsAndColumns) {
  const Lexicon& months = WordList("months");
  EXPECT_EQ(WordNumber(months.Find("Sept"), "number"), 9);
  EXPECT_EQ(WordNumber(months.Find("may"), "number"), 5);  // lookups ignore case
  EXPECT_EQ(WordNumber(months.Find("Mai"), "number"), std::nullopt);
  EXPECT_TRUE(WordFormSet(months, WordForms::kAliases, ".").count("Sept.") > 0);
  EXPECT_EQ(WordFormSetWhere(WordList("facility_heads"), "building", "yes"),
            (FormSet{"Building", "Center", "Centre", "Plaza"}));
}

TEST(WordListTest, AlternationPutsLongerFormsFirst) {
  const std::string alternation = WordAlternation(WordList("months"));
  EXPECT_LT(alternation.find("March"), alternation.find("Mar|"));
  EXPECT_EQ(WordAlternation(WordList("weekdays"), WordForms::kValues).find('|'), std::string("Wednesday").size());
}

TEST(WordListTest, ARulesDirectoryReplacesAList) {
  testing::TempDir dir;
  testing::WriteFile(dir / "test_words.tsv", "# FORMAT: a test list\nvalue\taliases\nalpha\ta\n");
  std::string fingerprint;
  EXPECT_EQ(UseWordListDirs({dir.path()}, &fingerprint), "");
  EXPECT_FALSE(fingerprint.empty());
  EXPECT_NE(WordList("test_words").Find("a"), nullptr);
  // A directory of word lists alone is a valid --rules directory.
  EXPECT_TRUE(RuleBook::Load({dir.path()}).ok());

  testing::TempDir bad;
  testing::WriteFile(bad / "bad_words.tsv", "aliases\nx\n");
  EXPECT_NE(UseWordListDirs({bad.path()}, &fingerprint).find("bad_words.tsv"), std::string::npos);
}

TEST(WordListTest, PatternsReadWordLists) {
  const std::string rule =
      "stage: test_months\ntype: MONTH_NAME\nrules:\n  - id: test_months.abbreviation\n"
      "    pattern: '\\b{months.aliases}\\b'\n    normalize: text\n"
      "    examples:\n      - text: 'due in Sept'\n        expect: [{text: 'Sept'}]\n";
  testing::TempDir dir;
  testing::WriteFile(dir / "months.yaml", rule);
  EXPECT_TRUE(RuleBook::Load({dir.path()}).ok());

  testing::TempDir bad;
  std::string bad_rule = rule;
  bad_rule.replace(bad_rule.find("months.aliases"), 14, "months.nouns");
  testing::WriteFile(bad / "months.yaml", bad_rule);
  StatusOr<RuleBook> book = RuleBook::Load({bad.path()});
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("unknown word list reference {months.nouns}"), std::string::npos);
}

}  // namespace
}  // namespace policygraph
