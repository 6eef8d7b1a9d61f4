// Accuracy against gold, per type, with recorded floors: the suite fails when a score drops below
// its floor (tests/data/accuracy_floors.json). The bundled NIST gold always runs; the development
// sets of ../shared run when it is present.
#include <gtest/gtest.h>

#include "output/mention_json.h"
#include "pipeline/input/reader.h"
#include "pipeline/batch/runner.h"
#include "pipeline/eval/scorer.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

// Runs the default pipeline over `docs` and scores against `gold` with `options`.
ScoreReport Evaluate(const std::string& gold_path, const std::string& docs, const ScoreOptions& options) {
  auto gold = LoadMentions(gold_path, options);
  EXPECT_TRUE(gold.ok()) << gold.status().message();
  std::vector<InputFailure> failures;
  FileSource source(ListDocumentFiles({docs}, &failures));
  std::vector<ScoredMention> system;
  RunOptions run;
  run.threads = 2;
  RunBatch(*testing::Defaults().pipeline, source, run, [&](DocResult& r) {
    for (const Mention& m : r.ann.mentions) {
      ScoredMention s;
      s.doc = r.doc.id;
      s.type = options.family.count(m.type) ? options.family.at(m.type) : m.type;
      s.start = m.span.start;
      s.end = m.span.end;
      s.value = m.value;
      system.push_back(std::move(s));
    }
  });
  std::erase_if(system, [&](const ScoredMention& m) {
    return std::find(options.types.begin(), options.types.end(), m.type) == options.types.end();
  });
  return Score(gold.ok() ? *gold : std::vector<ScoredMention>{}, system, options);
}

void CheckFloors(const std::string& name, const ScoreReport& report) {
  Json floors = Json::parse(testing::ReadFile(testing::SourceDir() + "/tests/data/accuracy_floors.json"));
  ASSERT_TRUE(floors.contains(name)) << name;
  for (const auto& [type, f] : floors[name]["floors"].items()) {
    ASSERT_TRUE(report.by_type.count(type)) << type;
    const TypeScore& s = report.by_type.at(type);
    SCOPED_TRACE(name + " " + type);
    if (f.contains("strict")) {
      EXPECT_GE(s.strict.f1 + 1e-9, f["strict"].get<double>()) << "strict F1 fell below its floor";
    }
    if (f.contains("relaxed")) {
      EXPECT_GE(s.relaxed.f1 + 1e-9, f["relaxed"].get<double>()) << "relaxed F1 fell below its floor";
    }
    if (f.contains("value")) {
      EXPECT_GE(s.value_f1 + 1e-9, f["value"].get<double>()) << "value F1 fell below its floor";
    }
  }
}

TEST(AccuracyTest, BundledNistGold) {
  ScoreOptions options;
  ScoreReport report = Evaluate(testing::SourceDir() + "/corpora/nist/nist-mic-summary.gold.jsonl",
                                testing::SourceDir() + "/corpora/nist", options);
  std::cout << report.ToTable();
  CheckFloors("nist", report);
}

TEST(AccuracyTest, Re3dOrganizationsAndPlaces) {
  if (!testing::HaveShared()) GTEST_SKIP() << "../shared is absent: re3d-dev not scored";
  ScoreOptions options;
  options.types = {"ORG", "GPE"};
  ScoreReport report = Evaluate(testing::SharedDir() + "/eval/re3d-dev/gold.jsonl",
                                testing::SharedDir() + "/eval/re3d-dev/docs", options);
  std::cout << report.ToTable();
  CheckFloors("re3d-dev", report);
}

}  // namespace
}  // namespace policygraph
