// The `generic_sector` normalizer: a generic field of technology ("advanced manufacturing",
// "information technology", group `name` over a lexicon) is a SECTOR only where the sentence
// treats it as one:
//   - named as an industry: followed by "industry", "industries", "sector" or "sectors";
//   - listed after a trigger: "sectors such as", "industries including", "technologies like",
//     "fields:" ... possibly after other items ("industries including energy, health, and X");
//   - coordinated with a specific sector (params.specific names that lexicon, default "sector"):
//     "aerospace, advanced manufacturing, and robotics", "advanced materials and batteries".
// A list item must end there (punctuation, "and"/"or" or the sentence end): "advanced
// manufacturing technologies" is a modifier, not the sector. Otherwise the match is rejected,
// with the values and attrs of the `lexicon` normalizer when accepted. Thread-safe.
#ifndef POLICYGRAPH_STAGES_SECTORS_GENERIC_SECTOR_H_
#define POLICYGRAPH_STAGES_SECTORS_GENERIC_SECTOR_H_

#include "pipeline/rules/normalizer.h"

namespace policygraph {

bool NormalizeGenericSector(const RuleMatch& m, NormalizedValue* out);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_SECTORS_GENERIC_SECTOR_H_
