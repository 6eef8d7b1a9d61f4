#include "stages/sentences/sentence_stage.h"

#include <gtest/gtest.h>

#include "pipeline/core/normalized_text.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

std::vector<std::string> Sentences(const std::string& text) {
  SentenceStage stage;
  std::vector<std::string> out;
  for (const Span& s : stage.Split(text)) out.push_back(text.substr(s.start, s.end - s.start));
  return out;
}

TEST(SentencesTest, AbbreviationsDoNotEndSentences) {
  struct Case {
    std::string text;
    size_t want;
  };
  const std::vector<Case> cases = {
      {"It was a response to the U.S. Manufacturing USA program. China acted.", 2},
      {"Many sectors, e.g. aerospace, were named. Others were not.", 2},
      {"Dr. Smith of the Dept. of Energy spoke. He left.", 2},
      {"See No. 5 and Sec. 101 of H.R. 1865 for details. Then stop.", 2},
      {"Funds under Pub. L. 115-97 were spent. More followed.", 2},
      {"First sentence. Second sentence! Third?", 3},
      {"A heading\nA paragraph that follows it.", 2},
  };
  for (const Case& c : cases) {
    auto got = Sentences(c.text);
    EXPECT_EQ(got.size(), c.want) << c.text << "\n first: " << (got.empty() ? "" : got[0]);
  }
}

TEST(SentencesTest, SpansAreTrimmedAndOrdered) {
  auto got = Sentences("  One.   Two.  \n\n Three.  ");
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], "One.");
  EXPECT_EQ(got[1], "Two.");
  EXPECT_EQ(got[2], "Three.");
  EXPECT_TRUE(Sentences("").empty());
  EXPECT_TRUE(Sentences(" \n ").empty());
}

TEST(SentencesTest, NistDocumentKeepsUsProgramInOneSentence) {
  std::string text = testing::ReadFile(testing::SourceDir() + "/corpora/nist/nist-mic-summary.txt");
  ASSERT_FALSE(text.empty());
  NormalizedText view = NormalizedText::Build(text);
  SentenceStage stage;
  auto spans = stage.Split(view.text());
  const std::string needle = "in response to the U.S. Manufacturing USA program";
  size_t at = view.text().find(needle);
  ASSERT_NE(at, std::string::npos);
  bool inside_one = false;
  for (const Span& s : spans) {
    if (s.start <= at && at + needle.size() <= s.end) inside_one = true;
  }
  EXPECT_TRUE(inside_one);
  // Every sentence is non-empty and they do not overlap.
  for (size_t i = 1; i < spans.size(); ++i) EXPECT_LE(spans[i - 1].end, spans[i].start);
  EXPECT_GT(spans.size(), 20u);
}

}  // namespace
}  // namespace policygraph
