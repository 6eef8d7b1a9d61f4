// Schwartz–Hearst abbreviation definitions (table-driven) and alias resolution across a document.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stages/acronyms/acronym_stage.h"
#include "stages/acronyms/schwartz_hearst.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

struct DefinitionCase {
  std::string text;
  std::string short_form;  // empty: no definition expected
  std::string long_form;
};

TEST(SchwartzHearstTest, FindsDefinitions) {
  const std::vector<DefinitionCase> cases = {
      {"a review of China's Manufacturing Innovation Centers (MICs), describes", "MICs",
       "Manufacturing Innovation Centers"},
      {"Ministry of Industry and Information Technology (MIIT) and", "MIIT",
       "Ministry of Industry and Information Technology"},
      {"pharmaceuticals, and electric vehicles (EVs).", "EVs", "electric vehicles"},
      {"the U.S. Department of Energy (DOE) funds", "DOE", "Department of Energy"},
      {"MIIT (Ministry of Industry and Information Technology) said", "MIIT",
       "Ministry of Industry and Information Technology"},
      {"heart rate variability (HRV) was", "HRV", "heart rate variability"},
      {"the Advanced Research Projects Agency-Energy (ARPA-E) program", "ARPA-E",
       "Advanced Research Projects Agency-Energy"},
      // The short form is cut at "; " or ", ".
      {"the World Trade Organization (WTO, 1995) rules", "WTO", "World Trade Organization"},
      // Not definitions: enumerations, years, lowercase, no space before the parenthesis,
      // letters that cannot be matched, a long form containing the short form.
      {"as described in clause (ii) of", "", ""},
      {"released in 2015 (2015) again", "", ""},
      {"section 5(a) of the Act", "", ""},
      {"the committee (see above) said", "", ""},
      {"a big report (XYZ) today", "", ""},
      {"the MIC program (MIC) again", "", ""},
      // "(the PRA)" defines "PRA"; "(the Act)", "(the Bank)" are defined terms, no abbreviations.
      {"Under the Paperwork Reduction Act of 1995 (the PRA), agencies", "PRA", "Paperwork Reduction Act of 1995"},
      {"section 1869 of the Social Security Act (the Act), as amended", "", ""},
      {"Provided, That the Export-Import Bank (the Bank) may accept", "", ""},
  };
  for (const DefinitionCase& c : cases) {
    SCOPED_TRACE(c.text);
    const std::vector<AbbreviationDefinition> defs = FindAbbreviationDefinitions(c.text);
    if (c.short_form.empty()) {
      EXPECT_TRUE(defs.empty()) << "found " << c.text.substr(defs[0].short_start, defs[0].short_end - defs[0].short_start);
      continue;
    }
    ASSERT_EQ(defs.size(), 1u);
    EXPECT_EQ(c.text.substr(defs[0].short_start, defs[0].short_end - defs[0].short_start), c.short_form);
    EXPECT_EQ(c.text.substr(defs[0].long_start, defs[0].long_end - defs[0].long_start), c.long_form);
  }
}

TEST(SchwartzHearstTest, BestLongFormMatchesRightToLeftFromAWordStart) {
  struct Case {
    std::string short_form, candidate, want;  // want empty: no long form
  };
  const std::vector<Case> cases = {
      {"MICs", "review of China's Manufacturing Innovation Centers", "Manufacturing Innovation Centers"},
      // The first character must start a word: "e" of "electric", not the second "e" in it.
      {"EVs", "and electric vehicles", "electric vehicles"},
      {"HIV", "human immunodeficiency virus", "human immunodeficiency virus"},
      // Shortest match: "Fund" alone would not hold "IMF"'s "I"; the nearest word starting with "I".
      {"IMF", "the new International Monetary Fund", "International Monetary Fund"},
      {"XYZ", "a big report", ""},
      {"AB", "b a", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.short_form + " / " + c.candidate);
    const size_t at = BestLongFormStart(c.short_form, c.candidate);
    if (c.want.empty()) {
      EXPECT_EQ(at, std::string_view::npos);
    } else {
      ASSERT_NE(at, std::string_view::npos);
      EXPECT_EQ(c.candidate.substr(at), c.want);
    }
  }
}

TEST(SchwartzHearstTest, ShortFormCandidates) {
  for (const char* good : {"MIIT", "EVs", "ARPA-E", "G7", "NIST", "U.S."}) EXPECT_TRUE(IsShortFormCandidate(good)) << good;
  for (const char* bad : {"ii", "a", "2015", "see above", "e.g.", "ABCDEFGHIJKL", "-AB"}) {
    EXPECT_FALSE(IsShortFormCandidate(bad)) << bad;
  }
}

TEST(AcronymStageTest, TypesUnknownLongFormsByTheirHeadWord) {
  EXPECT_EQ(TypeFromHeadWord("Ministry of Ecology and Environment"), "ORG");
  EXPECT_EQ(TypeFromHeadWord("Beijing Genomics Institute"), "CENTER");
  EXPECT_EQ(TypeFromHeadWord("Clean Energy Innovation Program"), "PLAN");
  EXPECT_EQ(TypeFromHeadWord("Syria Recovery Trust Fund"), "ORG");
  EXPECT_EQ(TypeFromHeadWord("Long Form"), "");
  EXPECT_EQ(TypeFromHeadWord("heart rate variability"), "");
  EXPECT_EQ(TypeFromHeadWord("the new plan of action"), "");  // not written as a name
}

struct Found {
  std::string type, text, value, alias;
};

std::vector<Found> EntityMentions(const std::string& text) {
  std::vector<Found> out;
  for (const Mention& m : testing::Annotate(text).mentions) {
    if (m.type == "ORG" || m.type == "CENTER" || m.type == "PLAN" || m.type == "SECTOR" || m.type == "GPE") {
      std::string alias = m.attrs.is_object() && m.attrs.contains("alias") ? m.attrs["alias"].get<std::string>() : "";
      out.push_back({m.type, m.text, m.value.is_string() ? m.value.get<std::string>() : m.value.dump(), alias});
    }
  }
  return out;
}

bool Has(const std::vector<Found>& found, const Found& want) {
  for (const Found& f : found) {
    if (f.type == want.type && f.text == want.text && f.value == want.value && f.alias == want.alias) return true;
  }
  return false;
}

TEST(AcronymStageTest, LaterUsesResolveToTheLongForm) {
  const std::string text =
      "China's Manufacturing Innovation Centers (MICs) are new. The first MIC opened in 2016. "
      "Each MIC's budget grew, and 33 MICs exist. Topics are set by the Ministry of Industry and "
      "Information Technology (MIIT). MIIT reviews them.";
  const std::vector<Found> found = EntityMentions(text);
  EXPECT_TRUE(Has(found, {"CENTER", "Manufacturing Innovation Centers", "Manufacturing Innovation Centers", ""}));
  EXPECT_TRUE(Has(found, {"CENTER", "MICs", "Manufacturing Innovation Centers", "MICs"}));
  EXPECT_TRUE(Has(found, {"CENTER", "MIC", "Manufacturing Innovation Centers", "MIC"}));
  EXPECT_TRUE(Has(found, {"ORG", "MIIT", "Ministry of Industry and Information Technology", "MIIT"}));
  int mic_uses = 0;
  for (const Found& f : found) mic_uses += (f.text == "MIC" || f.text == "MICs") ? 1 : 0;
  EXPECT_EQ(mic_uses, 4);  // (MICs), MIC, MIC's, MICs: each once, none duplicated
}

TEST(AcronymStageTest, UnknownLongFormIsTypedByItsHead) {
  const std::vector<Found> found = EntityMentions(
      "The Zorblax Quality Office (ZQO) was created in 2019. Later the ZQO merged with others.");
  EXPECT_TRUE(Has(found, {"ORG", "Zorblax Quality Office", "Zorblax Quality Office", ""}));
  EXPECT_TRUE(Has(found, {"ORG", "ZQO", "Zorblax Quality Office", "ZQO"}));
  int zqo = 0;
  for (const Found& f : found) zqo += f.text == "ZQO" ? 1 : 0;
  EXPECT_EQ(zqo, 2);
}

TEST(AcronymStageTest, APossessiveEndsNoLongForm) {
  // "Board's (CSB)" defines the Board: the name takes the definition, and later uses
  // resolve to it (the long form is not the name with "'s", nor a curly "’s").
  const std::vector<Found> found = EntityMentions(
      "This rule revises the Chemical Safety and Hazard Investigation Board's (CSB) rule. The CSB met. "
      "The National Institute of Standards and Technology\u2019s (NIST) labs grew.");
  EXPECT_TRUE(Has(found, {"ORG", "CSB", "Chemical Safety and Hazard Investigation Board", "CSB"}));
  int csb = 0;
  for (const Found& f : found) csb += f.text == "CSB" ? 1 : 0;
  EXPECT_EQ(csb, 2);
  for (const Found& f : found) EXPECT_EQ(f.text.find("\u2019s"), std::string::npos) << f.text;
  EXPECT_TRUE(Has(found, {"ORG", "National Institute of Standards and Technology",
                          "National Institute of Standards and Technology", ""}));
}

TEST(AcronymStageTest, UsesBeforeTheDefinitionAndUntypedDefinitionsAreLeftAlone) {
  const std::vector<Found> found = EntityMentions(
      "QRS matters. The quick red sample (QRS) was taken; the QRS was fine.");
  EXPECT_TRUE(found.empty());
}

TEST(AcronymStageTest, ADocumentDefinitionOverridesTheGazetteer) {
  // ITA is a gazetteer alias of the International Trade Administration; this document defines it
  // otherwise, from the definition on.
  const std::vector<Found> found = EntityMentions(
      "The ITA met. The Investment Tax Authority (ITA) started. The ITA grew.");
  EXPECT_TRUE(Has(found, {"ORG", "ITA", "International Trade Administration", "ITA"}));
  int local = 0;
  for (const Found& f : found) local += (f.text == "ITA" && f.value == "Investment Tax Authority") ? 1 : 0;
  EXPECT_EQ(local, 2);
}

TEST(AcronymStageTest, ARedefinitionTakesOverFromWhereItStands) {
  const std::vector<Found> found = EntityMentions(
      "The Zorblax Quality Office (ZQO) met. The ZQO grew. Later the Zeta Quantum Office (ZQO) opened; "
      "the ZQO hired, and ZQO-2 followed.");
  int first = 0, second = 0;
  for (const Found& f : found) {
    first += (f.text == "ZQO" && f.value == "Zorblax Quality Office") ? 1 : 0;
    second += (f.text == "ZQO" && f.value == "Zeta Quantum Office") ? 1 : 0;
  }
  EXPECT_EQ(first, 2);   // (ZQO), "The ZQO grew"
  EXPECT_EQ(second, 3);  // (ZQO), "the ZQO hired", "ZQO-2"
}

// A document that defines an abbreviation in every sentence: every definition and every later
// use resolves, each to its own long form.
TEST(AcronymStageTest, ManyDefinitionsEachResolveTheirUses) {
  // Letters that occur nowhere else in the long form, so each short form has one long form.
  static const std::string kLetters = "BDGHJKLMPQSUVWXY";
  const int n = 250;
  auto letters = [](int i) { return std::string{kLetters[i / 16 % 16], kLetters[i % 16]}; };
  auto long_form = [](const std::string& ab) { return std::string{ab[0]} + "ero " + ab[1] + "oint Zeta Office"; };
  std::string text;
  for (int i = 0; i < n; ++i) {
    const std::string ab = letters(i);
    text += "The " + long_form(ab) + " (" + ab + "ZO) met. ";
    if (i > 0) text += "The " + letters(i - 1) + "ZO agreed. ";
  }
  int uses = 0;
  for (const Found& f : EntityMentions(text)) {
    if (f.alias.empty()) continue;
    ASSERT_EQ(f.text.size(), 4u) << f.text;
    EXPECT_EQ(f.value, long_form(f.text.substr(0, 2))) << f.text;
    ++uses;
  }
  EXPECT_EQ(uses, 2 * n - 1);  // each definition, and each short form once more in the next sentence
}

}  // namespace
}  // namespace policygraph
