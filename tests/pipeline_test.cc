// Pipeline construction: unknown stages and unmet needs are rejected with the valid choices.
#include "pipeline/core/pipeline.h"

#include <gtest/gtest.h>

#include "pipeline/rules/overlap.h"
#include "pipeline/core/stage_registry.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

const RuleBook& Book() { return *testing::Defaults().book; }

TEST(PipelineTest, DefaultStagesBuild) {
  auto names = Pipeline::DefaultStages(Book());
  ASSERT_GE(names.size(), 4u);
  EXPECT_EQ(names[0], "normalize");
  EXPECT_EQ(names[1], "sentences");
  EXPECT_TRUE(Pipeline::Build(names, Book()).ok());
}

TEST(PipelineTest, UnknownStageListsValidNames) {
  auto p = Pipeline::Build({"normalize", "sentences", "moneyy"}, Book());
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("unknown stage 'moneyy' (valid: normalize, sentences, resolve"),
            std::string::npos)
      << p.status().message();
  EXPECT_NE(p.status().message().find("percent"), std::string::npos);
}

TEST(PipelineTest, UnmetNeedIsRejected) {
  auto p = Pipeline::Build({"normalize", "percent"}, Book());
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("stage 'percent' needs 'sentences'"), std::string::npos) << p.status().message();
  auto q = Pipeline::Build({"sentences"}, Book());
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.status().message().find("stage 'sentences' needs 'view'"), std::string::npos) << q.status().message();
}

TEST(PipelineTest, RulesInACodeStageThatRunsNoneAreRejected) {
  const char* kAcronymRules = "stage: acronyms\ntype: PLAN\nrules:\n  - id: x.b\n    pattern: 'Zqx'\n";
  auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {{"mine.yaml", kAcronymRules, false}});
  ASSERT_TRUE(book.ok()) << book.status().message();
  auto p = Pipeline::Build(Pipeline::DefaultStages(*book), *book);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("mine.yaml:4: rule x.b: stage 'acronyms' is a code stage, which runs no rules"),
            std::string::npos)
      << p.status().message();
  // A new stage name is a new rule stage; "relations" reads rule files of its own.
  const char* kNewStage = "stage: mystage\ntype: PLAN\nrules:\n  - id: x.c\n    pattern: 'Zqx'\n";
  auto fresh = RuleBook::FromSources(RuleBook::DefaultSources(), {{"mine.yaml", kNewStage, false}});
  ASSERT_TRUE(fresh.ok()) << fresh.status().message();
  EXPECT_TRUE(Pipeline::Build(Pipeline::DefaultStages(*fresh), *fresh).ok());
}

TEST(PipelineTest, DuplicateStageIsRejected) {
  auto p = Pipeline::Build({"normalize", "normalize"}, Book());
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("listed twice"), std::string::npos);
}

TEST(PipelineTest, ConsecutiveRuleStagesAreFusedIntoOneScan) {
  auto names = Pipeline::DefaultStages(Book());
  auto p = Pipeline::Build(names, Book());
  ASSERT_TRUE(p.ok());
  size_t rule_stage_names = 0;
  for (const std::string& n : names) {
    const bool rule_stage = std::find(Book().stages().begin(), Book().stages().end(), n) != Book().stages().end();
    if (rule_stage && FindCodeStage(n) == nullptr) ++rule_stage_names;
  }
  EXPECT_LT(p->stages().size(), names.size() - rule_stage_names + 2);
}

Mention M(const std::string& type, uint32_t s, uint32_t e, int priority, const std::string& rule,
          const std::string& stage = "x") {
  Mention m;
  m.type = type;
  m.span = m.view_span = {s, e};
  m.priority = priority;
  m.rule = rule;
  m.stage = stage;
  return m;
}

TEST(OverlapTest, WithinStagePriorityThenLengthThenPositionThenRule) {
  struct Case {
    std::vector<Mention> in;
    std::vector<std::string> want_rules;
  };
  const std::vector<Case> cases = {
      {{M("T", 0, 10, 0, "long"), M("T", 0, 4, 5, "short-high")}, {"short-high"}},
      {{M("T", 0, 4, 0, "short"), M("T", 0, 10, 0, "long")}, {"long"}},
      {{M("T", 0, 5, 0, "first"), M("T", 3, 8, 0, "second")}, {"first"}},
      {{M("T", 0, 5, 0, "b"), M("T", 0, 5, 0, "a")}, {"a"}},
      {{M("T", 0, 5, 0, "a"), M("T", 5, 9, 0, "b")}, {"a", "b"}},  // touching is not overlapping
  };
  for (const Case& c : cases) {
    std::vector<Rejected> rejected;
    std::vector<Mention> kept = c.in;
    DeadlineCheck never([] { return false; });
    ASSERT_TRUE(ResolveWithinStages(kept, {"x"}, &rejected, never));
    std::vector<std::string> got;
    for (const Mention& m : kept) got.push_back(m.rule);
    EXPECT_EQ(got, c.want_rules);
    EXPECT_EQ(rejected.size(), c.in.size() - kept.size());
  }
}

TEST(OverlapTest, AcrossStagesLongerWins) {
  std::vector<Mention> in = {M("DATE", 14, 18, 10, "date.year", "dates"),
                             M("PLAN", 0, 18, 0, "plans.name", "plans")};
  std::vector<Rejected> rejected;
  std::vector<Mention> kept = in;
  DeadlineCheck never([] { return false; });
  ASSERT_TRUE(ResolveAcrossStages(kept, {"dates", "plans"}, &rejected, never));
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].type, "PLAN");
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_NE(rejected[0].reason.find("lost to PLAN"), std::string::npos);
  // Equal length: the earlier stage wins.
  std::vector<Mention> tie = {M("A", 0, 4, 0, "a", "late"), M("B", 0, 4, 0, "b", "early")};
  ASSERT_TRUE(ResolveAcrossStages(tie, {"early", "late"}, nullptr, never));
  ASSERT_EQ(tie.size(), 1u);
  EXPECT_EQ(tie[0].type, "B");
}


// Past its deadline, overlap resolution gives up (the stage then reports the document).
TEST(OverlapTest, GivesUpPastTheDeadline) {
  std::vector<Mention> many;
  for (uint32_t i = 0; i < 10000; ++i) many.push_back(M("T", i, i + 2, 0, "r"));
  DeadlineCheck late([] { return true; });
  std::vector<Mention> within = many;
  EXPECT_FALSE(ResolveWithinStages(within, {"x"}, nullptr, late));
  DeadlineCheck late_too([] { return true; });
  EXPECT_FALSE(ResolveAcrossStages(many, {"x"}, nullptr, late_too));
}

// A document of several ~1 MB chunks (4 MB and more are matched in parallel) finds in every copy
// of a paragraph exactly what the paragraph alone gives, at the shifted offsets and sentence numbers.
TEST(PipelineTest, LargeDocumentMatchedInChunksAsParagraphAlone) {
  // Mentions of every kind, then plain sentences (a thinner text keeps the test fast).
  std::string paragraph =
      "In 2016, the Department of Energy spent $30 million (15 percent) on 12 centers in China. "
      "The Made in China 2025 plan ran from 2015 to 2025 under the Ministry of Industry and Information "
      "Technology (MIIT), with 40 manufacturing innovation centers by 2025.";
  for (int i = 0; i < 12; ++i) paragraph += " The work went on as it had and nothing was said of it here.";
  paragraph += "\n\n";
  const Annotations one = policygraph::testing::Annotate(paragraph);
  ASSERT_GE(one.mentions.size(), 8u);
  const size_t copies = (5 << 20) / paragraph.size() + 1;  // 5 MB: five chunks
  std::string text;
  for (size_t i = 0; i < copies; ++i) text += paragraph;
  const Annotations all = policygraph::testing::Annotate(text);
  ASSERT_EQ(all.mentions.size(), copies * one.mentions.size());
  // Every copy holds the same number of sentences, more than its mentions reach.
  const int32_t sentences_per_copy = all.mentions[one.mentions.size()].sentence - all.mentions[0].sentence;
  for (const Mention& m : one.mentions) EXPECT_GT(sentences_per_copy, m.sentence);
  for (size_t i = 0; i < all.mentions.size(); ++i) {
    const size_t copy = i / one.mentions.size();
    const Mention& want = one.mentions[i % one.mentions.size()];
    const Mention& got = all.mentions[i];
    SCOPED_TRACE("mention " + std::to_string(i) + " '" + got.text + "'");
    EXPECT_EQ(got.span.start, want.span.start + copy * paragraph.size());
    EXPECT_EQ(got.span.end, want.span.end + copy * paragraph.size());
    EXPECT_EQ(got.type, want.type);
    EXPECT_EQ(got.rule, want.rule);
    EXPECT_EQ(got.value, want.value);
    EXPECT_EQ(got.sentence, want.sentence + static_cast<int32_t>(copy) * sentences_per_copy);
  }
}

// Once a rule's other branches have matched often (here "the Energy Department", no town for
// places.town_region and places.town_state), each sentence is first checked with the rule's mention
// branch alone; a sentence where it matches still gives its mentions, as a document without the
// repeats does.
TEST(PipelineTest, MentionFilterKeepsTheMentionsOfTheMentionBranch) {
  const std::string towns =
      "Workforce hubs in two regions, Pittsburgh, Pennsylvania, and Augusta, Georgia, will train electricians.";
  const Annotations alone = policygraph::testing::Annotate(towns);
  ASSERT_GE(alone.mentions.size(), 4u);
  std::string text;
  for (int i = 0; i < 1500; ++i) text += "Funds went to the Energy Department and to the Labor Department. ";
  const size_t offset = text.size();
  text += towns;
  const Annotations all = policygraph::testing::Annotate(text);
  std::vector<const Mention*> after;
  for (const Mention& m : all.mentions) {
    if (m.span.start >= offset) after.push_back(&m);
  }
  ASSERT_EQ(after.size(), alone.mentions.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i]->span.start, alone.mentions[i].span.start + offset);
    EXPECT_EQ(after[i]->text, alone.mentions[i].text);
    EXPECT_EQ(after[i]->rule, alone.mentions[i].rule);
  }
}

}  // namespace
}  // namespace policygraph
