// The DURATION and SET normalizers: "five years", "the past 24 hours"; "annually", "each Thursday".
#include "stages/dates/timex.h"

#include <string>

#include <re2/re2.h>

#include "stages/dates/timex_internal.h"
#include "stages/numbers/qualifier.h"

namespace policygraph {

using namespace timex;

bool NormalizeTimexDuration(const RuleMatch& m, NormalizedValue* out) {
  if (!ContextAllows(m)) return false;
  const std::string unit = UnitOf(m);
  if (unit.empty()) return false;
  std::optional<double> count;
  if (m.Has("count")) {
    if (!IsVagueCount(m.Group("count"))) {
      count = CountValue(m.Group("count"));
      if (!count || *count <= 0 || *count > 100000) return false;
      // "the 2019 fiscal year", "1989 calendar year": a year, not 2019 years.
      static const RE2 kYearLike(R"((?:1[6-9]|20)\d\d)");
      if (RE2::FullMatch(m.Group("count"), kYearLike) && !Key(m.Group("unit")).ends_with("s")) return false;
    }
  } else if (!m.Has("vague")) {
    count = 1;
  }
  if (m.Has("count2")) {  // "two to three weeks": the lower bound, at least
    out->mod = "EQUAL_OR_MORE";
  }
  out->value = DurationValue(count, unit);
  if (out->value.get<std::string>().empty()) return false;
  if (m.Has("qualifier")) out->mod = QualifierMod(m.Group("qualifier"));
  if (m.Has("approx")) out->mod = "APPROX";
  return true;
}

bool NormalizeTimexSet(const RuleMatch& m, NormalizedValue* out) {
  if (!ContextAllows(m)) return false;
  if (m.Has("freq")) {
    if (const LexiconEntry* e = m.LexiconEntryOf("freq")) {
      out->value = e->canonical;
      return true;
    }
    return false;
  }
  if (m.Has("unit")) {
    const std::string unit = UnitOf(m);
    std::optional<double> count = m.Has("count") ? CountValue(m.Group("count")) : 1.0;
    if (!count) return false;
    if (unit == "MO" || unit == "AF" || unit == "EV" || unit == "NI") {
      out->value = "XXXX-XX-XXT" + unit;
      return true;
    }
    out->value = DurationValue(count, unit);
    return !out->value.get<std::string>().empty();
  }
  if (auto wd = WeekdayOf(m)) {
    const std::string pod = PartOfDay(m);
    // A single weekday is a SET only with "every"/"each", in the plural, or with a plural part of
    // day ("Tuesday nights").
    const std::string day = Key(m.Group("weekday"));
    const std::string whole = Key(m.text());
    if (!day.ends_with("s") && pod.empty() && !whole.starts_with("every") && !whole.starts_with("each")) return false;
    out->value = "XXXX-WXX-" + std::to_string(*wd) + (pod.empty() ? "" : "T" + pod);
    return true;
  }
  if (auto mo = MonthOf(m)) {
    out->value = "XXXX-" + Pad(*mo, 2);
    return true;
  }
  if (m.Has("season")) {
    out->value = "XXXX-" + SeasonOf(m);
    return true;
  }
  return false;
}

}  // namespace policygraph
