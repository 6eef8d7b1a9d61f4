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

bool NormalizePercentRange(const RuleMatch& m, NormalizedValue* out) {
  const std::string_view sep = m.Group("sep");
  const bool and_sep = sep.find("and") != std::string_view::npos || sep.find("AND") != std::string_view::npos;
  if (and_sep != m.Has("between")) return false;  // "between A and B" only
  auto lo = ParseNumber(m.Group("number")), hi = ParseNumber(m.Group("number2"));
  if (!lo || !hi || *hi < *lo || *hi == *lo) return false;
  out->value = Json{{"min", lo->ToJson()}, {"max", hi->ToJson()}};
  if (m.Has("qualifier")) out->mod = QualifierMod(m.Group("qualifier"));
  return true;
}

}  // namespace policygraph
