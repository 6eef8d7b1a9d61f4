// The relative normalizers: "last year", "two weeks ago", "the following month", "now".
#include "stages/dates/timex.h"

#include <cmath>
#include <string>

#include "pipeline/rules/word_list.h"
#include "stages/dates/timex_internal.h"

namespace policygraph {
namespace {

using namespace timex;

// PAST_REF, PRESENT_REF or FUTURE_REF by the sign of `n`.
std::string RefWord(int n) { return n < 0 ? "PAST_REF" : n > 0 ? "FUTURE_REF" : "PRESENT_REF"; }

// today, yesterday, tomorrow, tonight, last night: the reference day moved, with its part of day.
bool NormalizeDeictic(const RuleMatch& m, const std::optional<RefDate>& ref, const std::string& time,
                      NormalizedValue* out) {
  const std::string k = Key(m.Group("deictic"));
  int n = 0;
  std::string t = time;
  if (k == "yesterday" || k == "last night") n = -1;
  if (k == "tomorrow") n = 1;
  if (k == "tonight" || k == "last night" || k == "overnight") t = "TNI";
  if (k.find("morning") != std::string::npos) t = "TMO";
  if (k.find("afternoon") != std::string::npos) t = "TAF";
  if (k.find("evening") != std::string::npos) t = "TEV";
  if (!ref || ref->grain < 3) {
    out->value = RefWord(n);
    return true;
  }
  out->value = DayStr(AddDays(ref->date, n)) + t;
  MarkResolved(m, out);
  return true;
}

// How many units the expression moves: "a year ago", "three months earlier", "two weeks from now"
// (an offset of whole units: *offset), "last/next/this", or the rule's param `n`; plus param
// `shift`. A vague count ("years ago") is finished here: nullopt continues, else the result.
std::optional<bool> UnitsMoved(const RuleMatch& m, int* n, bool* offset, NormalizedValue* out) {
  *n = 0;
  *offset = false;
  if (m.Has("dir")) {
    const std::string d = Key(m.Group("dir"));
    const int sign = (d == "ago" || d == "earlier" || d == "before" || d == "previously" || d == "back") ? -1 : 1;
    if (m.Has("count") && IsVagueCount(m.Group("count"))) {
      out->value = sign < 0 ? "PAST_REF" : "FUTURE_REF";
      return true;
    }
    std::optional<double> c = m.Has("count") ? CountValue(m.Group("count")) : 1.0;
    if (!c || *c != std::floor(*c) || *c > 10000) return false;
    *n = sign * static_cast<int>(*c);
    *offset = true;
    if (m.Has("qualifier")) out->mod = AgoMod(m.Group("qualifier"));
  } else if (m.Has("rel")) {
    auto r = RelDirection(m.Group("rel"));
    if (!r) return false;
    *n = *r;
  } else {
    *n = ParamInt(m, "n", 0);
  }
  *n += ParamInt(m, "shift", 0);
  return std::nullopt;
}

// "the following year", "that year", "the previous month": from the year or month the text last
// named, when it named one. False when it did not (the reference date is used instead).
bool NormalizeAnaphoric(const RuleMatch& m, const std::optional<RefDate>& ref, const std::string& unit, int n,
                        NormalizedValue* out) {
  static const FormSet kAnaphoric = WordFormSetWhere(WordList("relative_words"), "anaphoric", "yes");
  if (!m.Has("rel") || kAnaphoric.count(Key(m.Group("rel"))) == 0) return false;
  if (unit == "Y") {
    if (auto y = AnchorYear(m)) {
      out->value = YearStr(*y + n);
      MarkResolved(m, out);
      return true;
    }
  }
  if (unit == "M") {
    if (auto a = AnchorMonth(m, ref)) {
      out->value = MonthStr(AddMonths(*a, n));
      MarkResolved(m, out);
      return true;
    }
  }
  return false;
}

// The value `n` units of `unit` from the reference date; "a year ago" in a quarterly report
// (param quarterly_context) is the latest complete quarter a year back.
std::string MovedValue(const RuleMatch& m, const RefDate& ref, const std::string& unit, int n, bool offset) {
  if (offset && unit == "Y" && n == -1 && m.rule().params.is_object() &&
      m.rule().params.value("quarterly_context", false) && ReportsByQuarter(m.doc())) {
    return ShiftedValue(ref.date, -5, "Q");
  }
  if (unit == "NI" || unit == "MO" || unit == "AF" || unit == "EV") return DayStr(AddDays(ref.date, n)) + "T" + unit;
  if (offset && unit == "DE") return ShiftedValue(ref.date, 10 * n, "Y");
  if (offset && unit == "CE") return ShiftedValue(ref.date, 100 * n, "Y");
  return ShiftedValue(ref.date, n, unit);
}

}  // namespace

using namespace timex;

bool NormalizeTimexRelative(const RuleMatch& m, NormalizedValue* out) {
  if (!ContextAllows(m)) return false;
  const std::optional<RefDate> ref = RefOf(m);
  out->mod = ModOf(m);
  const std::string pod = PartOfDay(m);
  const std::string time = pod.empty() ? std::string() : "T" + pod;
  if (m.Has("deictic")) return NormalizeDeictic(m, ref, time, out);

  std::string unit = ParamStr(m, "unit");
  if (unit.empty() && m.Has("unit")) unit = UnitOf(m);
  if (unit.empty() && m.Has("unit_end")) unit = UnitOf(m, "unit_end");
  if (unit.empty()) return false;
  int n = 0;
  bool offset = false;
  if (std::optional<bool> done = UnitsMoved(m, &n, &offset, out)) return *done;
  if (!offset && NormalizeAnaphoric(m, ref, unit, n, out)) return true;
  if (ref && unit == "WE" && ParamInt(m, "monday_looks_back", 0) != 0 && IsoWeekday(ref->date) == 1 &&
      !SentenceIsFuture(m)) {
    n -= 1;  // "over the weekend" written on a Monday: the weekend just past (previous ISO week)
  }
  const int needed = (unit == "Y" || unit == "DE" || unit == "CE") ? 1 : (unit == "M" || unit == "Q") ? 2 : 3;
  if (!ref || ref->grain < needed) {
    out->value = RefWord(n);
    return true;
  }
  std::string value = MovedValue(m, *ref, unit, n, offset);
  if (value.empty()) return false;
  if (!time.empty() && unit == "D") value += time;
  out->value = value;
  MarkResolved(m, out);
  return true;
}

bool NormalizeTimexConstant(const RuleMatch& m, NormalizedValue* out) {
  if (!ContextAllows(m)) return false;
  // Param `not_in_past`: "soon" in a past-tense clause ("he was soon released") is shortly after
  // a past event, not a future reference.
  const Json& p = m.rule().params;
  if (p.is_object() && p.value("not_in_past", false) && TenseOf(m) < 0) return false;
  out->value = m.rule().value;
  return !out->value.is_null();
}

}  // namespace policygraph
