// Stage `acronyms` (runs after `resolve`): abbreviations defined in a document resolve to the
// entity they abbreviate.
//
// 1. Definitions are found per sentence with Schwartz–Hearst (schwartz_hearst.h): "Manufacturing
//    Innovation Centers (MICs)", "MIIT (Ministry of Industry and Information Technology)".
// 2. The long form's entity: an entity mention (ORG, CENTER, PLAN, SECTOR, GPE) ending where the
//    long form ends and covering at least half of it. When there is none, the long form is typed
//    by its head word if it is written as a name (every content word capitalized): Center,
//    Institute, Laboratory... -> CENTER; Ministry, Department, Agency, Administration, Office... ->
//    ORG; Plan, Program, Act, Initiative, Strategy... -> PLAN; it then becomes a mention itself
//    (value: the long form as written). Otherwise the definition is skipped.
// 3. The short form in the definition and every later use of it in the document (singular or
//    plural: "MICs", "MIC", "MIC's") become mentions of the same type, value and codes, with
//    attrs.alias = the short form as written. A use that another mention already covers is left
//    alone, except a gazetteer alias of the same span, which the document's own definition
//    overrides ("MIC" defined locally as something else).
// Immutable after construction; Process is const and thread-safe.
#ifndef POLICYGRAPH_STAGES_ACRONYMS_ACRONYM_STAGE_H_
#define POLICYGRAPH_STAGES_ACRONYMS_ACRONYM_STAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/stage.h"

namespace policygraph {

class AcronymStage : public Stage {
 public:
  const std::string& Name() const override;
  std::vector<std::string> Needs() const override { return {"sentences", "resolved"}; }
  std::vector<std::string> Provides() const override { return {"acronyms"}; }
  Status Process(Document& doc, Annotations& out) const override;
};

// The mention type a name's head word implies ("Ministry of Commerce" -> ORG), or "" when the
// text is not written as a name or its head says nothing. Exposed for tests.
std::string TypeFromHeadWord(std::string_view long_form);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_ACRONYMS_ACRONYM_STAGE_H_
