#include "pipeline/core/normalized_text.h"

#include <gtest/gtest.h>

#include <string>

namespace policygraph {
namespace {

TEST(NormalizedTextTest, AsciiWithSingleSpacesIsUnchanged) {
  NormalizedText v = NormalizedText::Build("Made in China 2025 was released in 2015.");
  EXPECT_EQ(v.text(), "Made in China 2025 was released in 2015.");
  EXPECT_EQ(v.edit_count(), 0u);
  EXPECT_EQ(v.OriginalStart(5), 5u);
  EXPECT_EQ(v.OriginalEnd(5, 7), 7u);
}

TEST(NormalizedTextTest, FoldsCurlyQuotesAndMapsBack) {
  // "China’s" has a 3-byte right single quote.
  const std::string original = "In China\xE2\x80\x99s plan";
  NormalizedText v = NormalizedText::Build(original);
  EXPECT_EQ(v.text(), "In China's plan");
  size_t at = v.text().find("China's");
  uint32_t s = v.OriginalStart(at), e = v.OriginalEnd(at, at + 7);
  EXPECT_EQ(original.substr(s, e - s), "China\xE2\x80\x99s");
  // A span after the quote maps back across the 2 extra bytes.
  at = v.text().find("plan");
  EXPECT_EQ(original.substr(v.OriginalStart(at), v.OriginalEnd(at, at + 4) - v.OriginalStart(at)), "plan");
}

TEST(NormalizedTextTest, CollapsesWhitespaceRunsKeepingLineBreaks) {
  const std::string original = "a  \t b\r\n\n  c\xC2\xA0" "d";
  NormalizedText v = NormalizedText::Build(original);
  EXPECT_EQ(v.text(), "a b\nc d");
  size_t at = v.text().find('c');
  EXPECT_EQ(original[v.OriginalStart(at)], 'c');
  at = v.text().find('d');
  EXPECT_EQ(original.substr(v.OriginalStart(at)), "d");
  // A span covering a collapsed run covers the whole run in the original.
  EXPECT_EQ(v.OriginalStart(1), 1u);
  EXPECT_EQ(v.OriginalEnd(1, 2), 5u);
}

TEST(NormalizedTextTest, NfkcAndDashesWithMultibyteCharacters) {
  // Fullwidth digits, an en dash, a "ﬁ" ligature, and an accented word left as is.
  const std::string original = "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x96\xE2\x80\x93" "2020 \xEF\xAC\x81nal caf\xC3\xA9 plan";
  NormalizedText v = NormalizedText::Build(original);
  EXPECT_EQ(v.text(), "2016-2020 final caf\xC3\xA9 plan");
  size_t at = v.text().find("2016-2020");
  uint32_t s = v.OriginalStart(at), e = v.OriginalEnd(at, at + 9);
  EXPECT_EQ(s, 0u);
  EXPECT_EQ(original.substr(s, e - s), "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x96\xE2\x80\x93" "2020");
  at = v.text().find("plan");
  EXPECT_EQ(original.substr(v.OriginalStart(at), v.OriginalEnd(at, at + 4) - v.OriginalStart(at)), "plan");
  at = v.text().find("caf");
  EXPECT_EQ(original.substr(v.OriginalStart(at), v.OriginalEnd(at, at + 5) - v.OriginalStart(at)), "caf\xC3\xA9");
}

TEST(NormalizedTextTest, EmptyText) {
  NormalizedText v = NormalizedText::Build("");
  EXPECT_EQ(v.text(), "");
  EXPECT_EQ(v.OriginalStart(0), 0u);
  EXPECT_EQ(v.OriginalEnd(0, 0), 0u);
}

// Past its deadline, building the view gives up (the normalize stage then reports the document).
TEST(NormalizedTextTest, GivesUpPastTheDeadline) {
  const std::string text(1 << 20, 'a');
  DeadlineCheck late([] { return true; });
  EXPECT_FALSE(NormalizedText::Build(text, late).has_value());
  DeadlineCheck never([] { return false; });
  ASSERT_TRUE(NormalizedText::Build(text, never).has_value());
  EXPECT_EQ(NormalizedText::Build(text, never)->text(), text);
}

}  // namespace
}  // namespace policygraph
