// COUNT: the counted-noun and label-word helpers and the count rules end to end.
#include "stages/counts/counts.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace policygraph {
namespace {

using testing::Annotate;

TEST(CountsTest, CountedNoun) {
  const std::pair<const char*, const char*> kCases[] = {
      {"MICs", "MICs"},
      {"key target industry sectors", "key target industry sectors"},
      {"scientific and engineering positions", "scientific and engineering positions"},
      {"full-time  staff", "full-time staff"},
      {"such centers", "centers"},
      {"such", nullptr},
      {"years", nullptr},
      {"consecutive fiscal years", nullptr},
      {"acres", nullptr},
      {"dollars", nullptr},
      {"of its members", nullptr},
      {"and programs", nullptr},
      {"applies", nullptr},
      {"", nullptr},
  };
  for (const auto& [words, want] : kCases) {
    auto got = CountedNoun(words);
    if (want == nullptr) {
      EXPECT_FALSE(got) << words << " -> " << got.value_or("");
    } else {
      ASSERT_TRUE(got) << words;
      EXPECT_EQ(*got, want);
    }
  }
}

TEST(CountsTest, LabelWords) {
  for (const char* w : {"Section", "SEC.", "§", "paragraph", "H.R.", "Res.", "L.", "No.", "(No.", "Title", "June",
                        "version", "Phase", "U.S.C."}) {
    EXPECT_TRUE(IsLabelWord(w)) << w;
  }
  for (const char* w : {"the", "of", "created", "goal", "in", "reach"}) EXPECT_FALSE(IsLabelWord(w)) << w;
}

struct CountCase {
  const char* text;
  const char* want_text;  // nullptr: no COUNT at all
  int64_t want_value;
  const char* want_mod;
  const char* want_unit;
};

TEST(CountsTest, ExtractsTable) {
  const CountCase kCases[] = {
      {"At least 33 MICs have been established to date.", "At least 33", 33, "EQUAL_OR_MORE", "MICs"},
      {"its goal of 40 MICs by 2025", "40", 40, "", "MICs"},
      {"in 10 key target industry sectors.", "10", 10, "", "key target industry sectors"},
      {"nearly two dozen institutes", "nearly two dozen", 24, "LESS_THAN", "institutes"},
      {"about 1.5 million people", "about 1.5 million", 1500000, "APPROX", "people"},
      {"They began 5 new programs in 2019", "5", 5, "", "new programs"},
      {"6 DOE uses the term in a footnote.", nullptr, 0, "", ""},
      {"NIST AMS 600-17", nullptr, 0, "", ""},
      {"[1, 2] China established", nullptr, 0, "", ""},
      {"H.R. 1865 appropriations", nullptr, 0, "", ""},
      {"Germany's Industrie 4.0 factories", nullptr, 0, "", ""},
      {"the 14th Five-Year Plan", nullptr, 0, "", ""},
      {"In 2015 centers opened", nullptr, 0, "", ""},
      {"within 30 days", nullptr, 0, "", ""},
      {"Washington, DC 20500 offices", nullptr, 0, "", ""},
  };
  for (const CountCase& c : kCases) {
    const Mention* count = nullptr;
    Annotations ann = Annotate(c.text);
    for (const Mention& m : ann.mentions) {
      if (m.type == "COUNT") count = &m;
    }
    if (c.want_text == nullptr) {
      EXPECT_EQ(count, nullptr) << c.text << ": " << (count ? count->text : "");
      continue;
    }
    ASSERT_NE(count, nullptr) << c.text;
    EXPECT_EQ(count->text, c.want_text) << c.text;
    EXPECT_EQ(count->value.get<int64_t>(), c.want_value) << c.text;
    EXPECT_EQ(count->mod, c.want_mod) << c.text;
    EXPECT_EQ(count->unit, c.want_unit) << c.text;
  }
}

}  // namespace
}  // namespace policygraph
