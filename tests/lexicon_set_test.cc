// The lexicon set: one walk per form start finds, for every lexicon, what its own trie finds
// (Lexicon::LongestAt) at that start: the same longest form, entry, bounds and sentence-start rule.
#include "pipeline/rules/lexicon_set.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/test_util.h"

namespace policygraph {
namespace {

Lexicon Make(const std::string& name, const std::vector<std::vector<std::string>>& surfaces) {
  Lexicon lex;
  lex.name = name;
  for (const std::vector<std::string>& s : surfaces) lex.entries.push_back({s.front(), Json(), s});
  lex.Index();
  return lex;
}

// What the matcher did before the set: each lexicon's own LongestAt at every form start.
std::vector<std::vector<LexiconHit>> OneByOne(const std::vector<const Lexicon*>& lexicons, std::string_view text,
                                              const std::vector<uint32_t>& starts) {
  std::vector<std::vector<LexiconHit>> hits(lexicons.size());
  for (size_t k = 0; k < lexicons.size(); ++k) {
    for (uint32_t pos : starts) {
      const LexiconEntry* entry = nullptr;
      if (size_t end = lexicons[k]->LongestAt(text, pos, &entry); end > pos) hits[k].push_back({pos, end, entry});
    }
  }
  return hits;
}

void ExpectSameHits(const std::vector<const Lexicon*>& lexicons, const LexiconSet& set, std::string_view text) {
  std::vector<uint32_t> starts;
  FormStarts(text, starts);
  std::vector<std::vector<LexiconHit>> hits;
  set.HitsAt(text, starts, hits);
  const std::vector<std::vector<LexiconHit>> want = OneByOne(lexicons, text, starts);
  ASSERT_EQ(hits.size(), want.size());
  for (size_t k = 0; k < want.size(); ++k) {
    if (!set.Accepts(k)) continue;
    ASSERT_EQ(hits[k].size(), want[k].size()) << "lexicon " << k << " in: " << text;
    for (size_t i = 0; i < want[k].size(); ++i) {
      EXPECT_EQ(hits[k][i].start, want[k][i].start) << text;
      EXPECT_EQ(hits[k][i].end, want[k][i].end) << text;
      EXPECT_EQ(hits[k][i].entry, want[k][i].entry) << text;
    }
  }
}

TEST(LexiconSetTest, EachLexiconGetsItsOwnLongestForm) {
  const Lexicon cities = Make("city", {{"New York"}, {"York"}, {"Newark"}});
  const Lexicon orgs = Make("org", {{"New York Times", "NYT"}, {"Times"}});
  const Lexicon words = Make("word", {{"aerospace"}});  // "Aerospace" only at offset 0
  const std::vector<const Lexicon*> lexicons = {&cities, &orgs, &words};
  const LexiconSet set(lexicons);
  const std::string text = "Aerospace in New York: the New York Times, not Newarks or NYTimes; aerospace.";
  std::vector<uint32_t> starts;
  FormStarts(text, starts);
  std::vector<std::vector<LexiconHit>> hits;
  set.HitsAt(text, starts, hits);
  ASSERT_EQ(hits.size(), 3u);
  auto texts = [&](size_t k) {
    std::vector<std::string> out;
    for (const LexiconHit& h : hits[k]) out.push_back(text.substr(h.start, h.end - h.start));
    return out;
  };
  EXPECT_EQ(texts(0), (std::vector<std::string>{"New York", "York", "New York", "York"}));
  EXPECT_EQ(texts(1), (std::vector<std::string>{"New York Times", "Times"}));
  EXPECT_EQ(texts(2), (std::vector<std::string>{"Aerospace", "aerospace"}));
  EXPECT_EQ(hits[1][0].entry, &orgs.entries[0]);
  ExpectSameHits(lexicons, set, text);
  ExpectSameHits(lexicons, set, "New\nYork\tTimes");  // a space in a form matches any whitespace byte
}

TEST(LexiconSetTest, LeavesOutLexiconsWithFormsStartingWithSpace) {
  const Lexicon spaced = Make("spaced", {{" Inc."}});
  const Lexicon plain = Make("plain", {{"Inc."}});
  const LexiconSet set({&spaced, &plain});
  EXPECT_FALSE(set.Accepts(0));
  EXPECT_TRUE(set.Accepts(1));
}

// Over the default rules' lexicons, on the bundled NIST text and every rule example: the set
// finds exactly what each lexicon's own search finds.
TEST(LexiconSetTest, AgreesWithEachDefaultLexicon) {
  const std::vector<const Lexicon*>& lexicons = testing::Defaults().book->lexicons();
  ASSERT_FALSE(lexicons.empty());
  const LexiconSet set(lexicons);
  std::vector<std::string> texts;
  std::istringstream nist(testing::ReadFile(testing::SourceDir() + "/corpora/nist/nist-mic-summary.txt"));
  for (std::string line; std::getline(nist, line);) texts.push_back(line);
  for (const CompiledRule& r : testing::Defaults().book->rules()) {
    for (const RuleExample& e : r.rule.examples) texts.push_back(e.text);
  }
  ASSERT_GT(texts.size(), 100u);
  for (const std::string& text : texts) ExpectSameHits(lexicons, set, text);
}

}  // namespace
}  // namespace policygraph
