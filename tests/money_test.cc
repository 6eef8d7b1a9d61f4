// MONEY: the range helper and the money rules end to end (value, currency, mod).
#include "stages/money/money.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace policygraph {
namespace {

using testing::Annotate;

struct MoneyCase {
  const char* text;
  const char* want_text;   // the MONEY mention's text
  const char* want_value;  // its value as JSON
  const char* want_mod;
};

TEST(MoneyTest, ExtractsTable) {
  const MoneyCase kCases[] = {
      {"a 300 billion U.S. dollar (USD) investment", "300 billion U.S. dollar (USD)",
       R"({"amount":300000000000,"currency":"USD"})", ""},
      {"$500,000,000 for fiscal year 2019", "$500,000,000", R"({"amount":500000000,"currency":"USD"})", ""},
      {"up to $110,000 for each violation", "$110,000", R"({"amount":110000,"currency":"USD"})",
       "EQUAL_OR_LESS"},
      {"RMB 10 billion", "RMB 10 billion", R"({"amount":10000000000,"currency":"CNY"})", ""},
      {"costs of $2\xE2\x80\x93" "3 billion", "$2\xE2\x80\x93" "3 billion",
       R"({"min":2000000000,"max":3000000000,"currency":"USD"})", ""},
      {"between $5 and $10 million", "between $5 and $10 million",
       R"({"min":5000000,"max":10000000,"currency":"USD"})", ""},
      {"approximately \xE2\x82\xAC" "4.2bn", "\xE2\x82\xAC" "4.2bn",
       R"({"amount":4200000000,"currency":"EUR"})", "APPROX"},
      {"a fee of 7 cents", "7 cents", R"({"amount":0.07,"currency":"USD"})", ""},
      {"shall not exceed $550,000,000,000", "$550,000,000,000", R"({"amount":550000000000,"currency":"USD"})",
       "EQUAL_OR_LESS"},
  };
  for (const MoneyCase& c : kCases) {
    Annotations ann = Annotate(c.text);
    const Mention* money = nullptr;
    for (const Mention& m : ann.mentions) {
      if (m.type == "MONEY") money = &m;
    }
    ASSERT_NE(money, nullptr) << c.text;
    EXPECT_EQ(money->text, c.want_text) << c.text;
    EXPECT_EQ(money->value.dump(), c.want_value) << c.text;
    EXPECT_EQ(money->mod, c.want_mod) << c.text;
  }
}

TEST(MoneyTest, NotMoney) {
  for (const char* text : {"such sums as may be necessary", "NIST AMS 600-17", "H.R. 1865", "Section 3(b)",
                           "the dollar fell", "billions of dollars", "[1, 2]", "June 7, 2017"}) {
    for (const Mention& m : Annotate(text).mentions) EXPECT_NE(m.type, "MONEY") << text << ": " << m.text;
  }
}

TEST(MoneyTest, RangeBoundsShareTheSecondScale) {
  auto b = ParseRangeBounds("2", "3 billion");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->first.ToInt64(), 2000000000);
  EXPECT_EQ(b->second.ToInt64(), 3000000000);
  b = ParseRangeBounds("500", "2 million");  // "$500 to $2 million": 500 is not scaled
  ASSERT_TRUE(b);
  EXPECT_EQ(b->first.ToInt64(), 500);
  b = ParseRangeBounds("1.5bn", "2bn");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->first.ToInt64(), 1500000000);
  EXPECT_FALSE(ParseRangeBounds("5,000", "10"));  // min > max
  EXPECT_FALSE(ParseRangeBounds("x", "10"));
}

TEST(MoneyTest, ValueShapes) {
  EXPECT_EQ(MoneyValue(*ParseNumber("76.50"), "USD").dump(), R"({"amount":76.5,"currency":"USD"})");
  EXPECT_EQ(MoneyRangeValue(*ParseNumber("5"), *ParseNumber("10"), "EUR").dump(),
            R"({"min":5,"max":10,"currency":"EUR"})");
}

}  // namespace
}  // namespace policygraph
