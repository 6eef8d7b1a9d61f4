// Scorer: precision, recall and F1 of system mentions against gold mentions, per type, strict
// (same span) and relaxed (overlapping span), with value accuracy and value F1 as TempEval-3
// defines them. It follows ../shared/tools/score.py exactly (greedy matching in gold order; ORG
// and CENTER one family; optional gold neither hit nor miss), so both give the same figures.
#ifndef POLICYGRAPH_PIPELINE_EVAL_SCORER_H_
#define POLICYGRAPH_PIPELINE_EVAL_SCORER_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/core/annotations.h"
#include "pipeline/core/status.h"

namespace policygraph {

struct ScoredMention {
  std::string doc;   // basename without extension
  std::string type;  // family after merging (CENTER -> ORG)
  uint32_t start = 0, end = 0;
  Json value;
  bool optional = false;
};

struct Prf {
  double p = 0, r = 0, f1 = 0;
  int tp = 0, fp = 0, fn = 0;
};

struct TypeScore {
  Prf strict, relaxed;
  int valued_tp = 0, value_ok = 0;
  bool has_value = false;  // value accuracy defined (a value type with valued matches)
  double value_acc = 0, value_f1 = 0;
};

struct ScoreOptions {
  std::vector<std::string> types = {"DATE", "MONEY", "PERCENT", "COUNT", "ORG", "PLAN", "SECTOR", "GPE"};
  std::map<std::string, std::string> family = {{"CENTER", "ORG"}};  // --merge adds entries
};

struct ScoreReport {
  std::vector<std::string> types;
  std::map<std::string, TypeScore> by_type;
  Prf all_strict, all_relaxed;
  Json ToJson() const;        // the shape of score.py --json
  std::string ToTable() const;  // the table score.py prints
};

// Reads mention JSONL (gold or system) keeping the types in `options` (after family merging).
StatusOr<std::vector<ScoredMention>> LoadMentions(const std::string& path, const ScoreOptions& options);
ScoreReport Score(const std::vector<ScoredMention>& gold, const std::vector<ScoredMention>& system,
                  const ScoreOptions& options);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_EVAL_SCORER_H_
