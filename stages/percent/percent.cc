#include "stages/percent/percent.h"

#include <re2/re2.h>

#include <string>
#include <string_view>

#include "pipeline/rules/word_list.h"
#include "stages/numbers/number.h"
#include "stages/numbers/qualifier.h"

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

// A change verb (stages/percent/change_verbs.tsv), then "from" before the percentage: "rose from".
std::string ChangeBeforePattern() {
  std::string out = R"((?i)\b(?:)";
  out += WordAlternation(WordList("change_verbs"));
  out += R"()\b[^;:]*\bfrom\s+$)";
  return out;
}

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
  static const RE2 kChange(ChangeBeforePattern());
  // Stems with any ending ("ranging", "varies", "anywhere"): a pattern, not a list of words.
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
