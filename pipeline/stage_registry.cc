#include "pipeline/stage_registry.h"

#include "stages/acronyms/acronym_stage.h"
#include "stages/normalize/normalize_stage.h"
#include "stages/relations/relation_stage.h"
#include "stages/resolve/resolve_stage.h"
#include "stages/sentences/sentence_stage.h"

namespace policygraph {

const std::vector<StageInfo>& CodeStages() {
  static const std::vector<StageInfo> kStages = {
      {"normalize", "matching view: NFKC, folded quotes and dashes, collapsed whitespace",
       [](const StageContext&) { return std::make_unique<NormalizeStage>(); }},
      {"sentences", "ICU sentence segmentation with abbreviation suppression",
       [](const StageContext&) { return std::make_unique<SentenceStage>(); }},
      {"resolve", "overlaps across stages (longest wins)",
       [](const StageContext& c) { return std::make_unique<ResolveStage>(c.stage_order); }},
      {"relations", "typed relations from stages/relations/rules.yaml over placeholder sentences",
       [](const StageContext& c) { return std::make_unique<RelationStage>(c.book); }, /*runs_rules=*/true},
      {"acronyms", "abbreviations defined in the text (Schwartz-Hearst) resolve to their long form's entity",
       [](const StageContext&) { return std::make_unique<AcronymStage>(); }},
  };
  return kStages;
}

const StageInfo* FindCodeStage(std::string_view name) {
  for (const StageInfo& s : CodeStages()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const std::vector<std::string_view>& DefaultStageOrder() {
  static const std::vector<std::string_view> kOrder = {
      "normalize", "sentences", "percent", "money",   "counts", "dates", "places", "sectors",
      "orgs",      "centers",   "plans",   "*",       "resolve", "acronyms", "coreference", "relations"};
  return kOrder;
}

}  // namespace policygraph
