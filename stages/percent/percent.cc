#include "stages/percent/percent.h"

#include "stages/numbers/number.h"
#include "stages/numbers/qualifier.h"

namespace policygraph {

bool NormalizePercent(const RuleMatch& m, NormalizedValue* out) {
  auto n = ParseNumber(m.Group("number"));
  if (!n) return false;
  out->value = n->ToJson();
  if (m.Has("qualifier")) out->mod = QualifierMod(m.Group("qualifier"));
  return true;
}

}  // namespace policygraph
