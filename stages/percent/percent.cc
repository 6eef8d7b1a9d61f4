#include "stages/percent/percent.h"

#include "stages/numbers/number.h"
#include "stages/numbers/qualifier.h"

#include <re2/re2.h>

#include <string>
#include <string_view>

namespace policygraph {

bool NormalizePercent(const RuleMatch& m, NormalizedValue* out) {
  auto n = ParseNumber(m.Group("number"));
  if (!n) return false;
  if (m.Has("minus")) n = n->Times({-1, 0});  // "minus five percent", "−3%"
  out->value = n->ToJson();
  if (m.Has("qualifier")) out->mod = QualifierMod(m.Group("qualifier"));
  return true;
}

namespace {

// "increases the set-aside from 4 percent to 7 percent": a change from one rate to another, two
// percentages, not a range ("ranged from 5 to 20 percent" is one). True when "from" comes right
// before the match and a verb of change, not of range, comes before it in the clause.
bool DescribesAChange(const RuleMatch& m) {
  const std::string& view = m.doc().view.text();
  const std::string_view text = m.text();
  if (text.data() < view.data() || text.data() > view.data() + view.size()) return false;
  const size_t start = static_cast<size_t>(text.data() - view.data());
  const size_t from = start >= 240 ? start - 240 : 0;
  const std::string_view before(view.data() + from, start - from);
  static const RE2 kChange(
      R"((?i)\b(?:increas(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|)"
      R"(lower(?:s|ed|ing)?|rise[sn]?|rising|rose|f[ae]ll(?:s|ing|en)?|gr[eo]w(?:s|ing|n)?|drop(?:s|ped|ping)?|)"
      R"(cut(?:s|ting)?|chang(?:e|es|ed|ing)|shift(?:s|ed|ing)?|mov(?:e|es|ed|ing)|expand(?:s|ed|ing)?|)"
      R"(boost(?:s|ed|ing)?|climb(?:s|ed|ing)?|declin(?:e|es|ed|ing)|jump(?:s|ed|ing)?|amend(?:s|ed|ing)?|)"
      R"(adjust(?:s|ed|ing)?|went|goes|going)\b[^;:]*\bfrom\s+$)");
  static const RE2 kRange(R"((?i)\b(?:rang|vari|vary|between|anywhere)\w*\b[^;:]*\bfrom\s+$)");
  return RE2::PartialMatch(before, kChange) && !RE2::PartialMatch(before, kRange);
}

}  // namespace

bool NormalizePercentRange(const RuleMatch& m, NormalizedValue* out) {
  if (DescribesAChange(m)) return false;
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
