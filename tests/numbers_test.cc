// The number parser (stages/numbers/number.h): exact values, scale words, spelled-out numbers,
// fractions, and what is not a number.
#include "stages/numbers/number.h"

#include <gtest/gtest.h>

#include "stages/numbers/qualifier.h"

namespace policygraph {
namespace {

struct Case {
  const char* input;
  const char* want;  // the value as JSON text; nullptr: must be rejected
};

std::string Parsed(const char* input) {
  auto n = ParseNumber(input);
  return n ? n->ToJson().dump() : "nullopt";
}

TEST(NumberTest, ParsesTable) {
  const Case kCases[] = {
      // digits, separators, decimals
      {"0", "0"},
      {"12", "12"},
      {"300,000", "300000"},
      {"1,000,000,000", "1000000000"},
      {"12.5", "12.5"},
      {"76.50", "76.5"},
      {".5", "0.5"},
      {"0.07", "0.07"},
      {"  42 ", "42"},
      // scale words, exact
      {"300 billion", "300000000000"},
      {"1.5bn", "1500000000"},
      {"1.2 trillion", "1200000000000"},
      {"4.35 million", "4350000"},
      {"5M", "5000000"},
      {"3MM", "3000000"},
      {"50k", "50000"},
      {"2 thousand", "2000"},
      {"550,000,000,000", "550000000000"},
      {"9,000 trillion", "9000000000000000"},
      // spelled out (ICU spell-out parse)
      {"eighty", "80"},
      {"thirty-three", "33"},
      {"Thirty three", "33"},
      {"a hundred and five", "105"},
      {"one hundred five", "105"},
      {"two hundred", "200"},
      {"five hundred thousand", "500000"},
      {"two thousand five hundred", "2500"},
      {"ten million", "10000000"},
      {"a billion", "1000000000"},
      {"two dozen", "24"},
      {"a dozen", "12"},
      // halves and decimal fractions
      {"half a million", "500000"},
      {"three-quarters of a million", "750000"},
      {"a quarter of a billion", "250000000"},
      {"half of a million", "500000"},
      {"half a dozen", "6"},
      {"two and a half million", "2500000"},
      {"one and a half", "1.5"},
      {"3/4", "0.75"},
      {"1/2", "0.5"},
      {"one-half", "0.5"},
      {"three-quarters", "0.75"},
      {"a quarter", "0.25"},
      {"two fifths", "0.4"},
      // rejects
      {"", nullptr},
      {"abc", nullptr},
      {"one two", nullptr},
      {"1,2", nullptr},
      {"1234,567", nullptr},
      {"12.", nullptr},
      {"1.2.3", nullptr},
      {"-5", nullptr},
      {"5 apples", nullptr},
      {"1/3", nullptr},  // no exact decimal
      {"one-third", nullptr},
      {"half a", nullptr},
      {"$5", nullptr},
      {"4.0.1", nullptr},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(Parsed(c.input), c.want ? c.want : "nullopt") << "input: '" << c.input << "'";
  }
}

TEST(NumberTest, ValuesAreExactDecimals) {
  auto n = ParseNumber("300 billion");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->mantissa, 3);
  EXPECT_EQ(n->exponent, 11);
  EXPECT_TRUE(n->ToJson().is_number_integer());
  EXPECT_EQ(n->ToJson().get<int64_t>(), 300000000000);
  // 0.07 and 76.5 come out as the nearest doubles, not 0.07000000000000001.
  EXPECT_EQ(ParseNumber("0.07")->ToDouble(), 0.07);
  EXPECT_EQ(ParseNumber("1.1 million")->ToJson().get<int64_t>(), 1100000);
  EXPECT_EQ(*ParseNumber("1.10"), *ParseNumber("1.1"));
  EXPECT_TRUE(*ParseNumber("2") < *ParseNumber("2.5"));
  EXPECT_FALSE(*ParseNumber("3 billion") < *ParseNumber("3,000,000,000"));
  EXPECT_FALSE(ParseNumber("12.5")->IsWhole());
  EXPECT_FALSE(ParseNumber("12.5")->ToInt64());
}

TEST(NumberTest, ScaleWords) {
  const std::pair<const char*, int64_t> kScales[] = {
      {"thousand", 1000},        {"k", 1000},          {"million", 1000000}, {"M", 1000000},
      {"MM", 1000000},           {"mn", 1000000},      {"billion", 1000000000}, {"bn", 1000000000},
      {"trillion", 1000000000000}, {"tn", 1000000000000}, {"dozen", 12},      {"Billion.", 1000000000},
  };
  for (const auto& [word, want] : kScales) {
    auto s = ParseScale(word);
    ASSERT_TRUE(s) << word;
    EXPECT_EQ(s->ToInt64(), want) << word;
  }
  EXPECT_FALSE(ParseScale("apples"));
  EXPECT_FALSE(ParseScale(""));
  EXPECT_EQ(TrailingScale("3 billion")->ToInt64(), 1000000000);
  EXPECT_EQ(TrailingScale("5M")->ToInt64(), 1000000);
  EXPECT_FALSE(TrailingScale("3"));
  EXPECT_FALSE(TrailingScale("three"));
}

TEST(QualifierTest, Mods) {
  const std::pair<const char*, const char*> kMods[] = {
      {"at least", "EQUAL_OR_MORE"}, {"At  Least", "EQUAL_OR_MORE"}, {"more than", "MORE_THAN"},
      {"nearly", "LESS_THAN"},       {"almost", "LESS_THAN"},        {"about", "APPROX"},
      {"some", "APPROX"},            {"up to", "EQUAL_OR_LESS"},     {"not to exceed", "EQUAL_OR_LESS"},
      {"shall not exceed", "EQUAL_OR_LESS"}, {"or less", "EQUAL_OR_LESS"}, {"exceeds", "MORE_THAN"},
      {"approximately", "APPROX"},   {"no fewer than", "EQUAL_OR_MORE"}, {"the", ""},
  };
  for (const auto& [q, want] : kMods) EXPECT_EQ(QualifierMod(q), want) << q;
}

}  // namespace
}  // namespace policygraph
