// Accuracy floor on the TempEval-3 training data (../shared/eval/tempeval3-train): the default
// pipeline's DATE, DURATION and SET mentions, merged into one TIMEX family as TempEval-3 scores
// them, must keep relaxed F1 and value F1 at or above the figures recorded below (about 0.01 under
// what was measured when they were set; README "Dates, durations and sets" has the current ones).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "output/mention_json.h"
#include "pipeline/input/reader.h"
#include "pipeline/eval/scorer.h"
#include "tests/test_util.h"

namespace policygraph::testing {
namespace {

struct Floor {
  const char* subset;
  double relaxed_f1;
  double value_f1;
};

ScoreOptions TimexOptions() {
  ScoreOptions options;
  options.types = {"TIMEX"};
  options.family = {{"DATE", "TIMEX"}, {"DURATION", "TIMEX"}, {"SET", "TIMEX"}};
  return options;
}

// Runs the default pipeline over every document of `docs_dir` (with its .meta.json reference
// date) and reads its mentions back the way `policygraph eval` does (mention JSONL), so document
// keys and types are handled exactly as for the gold.
std::vector<ScoredMention> RunSubset(const std::string& docs_dir, const ScoreOptions& options) {
  std::vector<InputFailure> failures;
  TempDir tmp;
  const std::string path = tmp / "system.jsonl";
  {
    std::ofstream out(path);
    for (const std::string& file : ListDocumentFiles({docs_dir}, &failures)) {
      auto doc = ReadDocumentFile(file);
      EXPECT_TRUE(doc.ok()) << file << ": " << doc.status().message();
      if (!doc.ok()) continue;
      Annotations ann;
      Status s = Defaults().pipeline->Process(*doc, ann);
      EXPECT_TRUE(s.ok()) << file << ": " << s.message();
      for (const Mention& m : ann.mentions) out << MentionToJson(doc->id, m).dump() << "\n";
    }
  }
  EXPECT_TRUE(failures.empty());
  auto system = LoadMentions(path, options);
  EXPECT_TRUE(system.ok()) << system.status().message();
  return system.ok() ? *system : std::vector<ScoredMention>{};
}

TEST(TempEval3Test, TimexScoresStayAboveFloor) {
  const std::string root = SharedDir() + "/eval/tempeval3-train";
  if (!std::filesystem::is_directory(root)) GTEST_SKIP() << "no TempEval-3 data at " << root;
  // Measured (README): timebank relaxed F1 0.939, value F1 0.818; aquaint 0.943, 0.782.
  const Floor kFloors[] = {{"timebank", 0.929, 0.808}, {"aquaint", 0.933, 0.772}};
  // The whole training set (TBAQ-cleaned, 256 documents), as TempEval-3 reports it: 0.941, 0.807;
  // issue 5's bar is relaxed F1 0.90 and value F1 0.80.
  const Floor kWhole = {"timebank+aquaint", 0.931, 0.800};
  const ScoreOptions options = TimexOptions();
  std::vector<ScoredMention> all_gold, all_system;
  auto check = [](const Floor& f, const ScoreReport& report) {
    const TypeScore& t = report.by_type.at("TIMEX");
    EXPECT_GE(t.relaxed.f1, f.relaxed_f1) << f.subset << ": relaxed F1 fell below its floor\n" << report.ToTable();
    EXPECT_GE(t.value_f1, f.value_f1) << f.subset << ": value F1 fell below its floor\n" << report.ToTable();
  };
  for (const Floor& f : kFloors) {
    const std::string dir = root + "/" + f.subset;
    auto gold = LoadMentions(dir + "/gold.jsonl", options);
    ASSERT_TRUE(gold.ok()) << gold.status().message();
    ASSERT_FALSE(gold->empty());
    std::vector<ScoredMention> system = RunSubset(dir + "/docs", options);
    check(f, Score(*gold, system, options));
    all_gold.insert(all_gold.end(), gold->begin(), gold->end());
    all_system.insert(all_system.end(), system.begin(), system.end());
  }
  check(kWhole, Score(all_gold, all_system, options));
}

}  // namespace
}  // namespace policygraph::testing
