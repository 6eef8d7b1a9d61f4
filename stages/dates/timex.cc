// The DATE normalizers: calendar dates, parts of years, eras, holidays and year ranges.
#include "stages/dates/timex.h"

#include <cstdint>
#include <map>
#include <string>

#include <re2/re2.h>

#include "pipeline/rules/word_list.h"
#include "stages/dates/timex_internal.h"

namespace policygraph {
namespace {

using namespace timex;

// Decades and centuries, which stand alone: "the sixties", "the 1990s", "the 19th century".
// nullopt when the match is none; else whether it normalized.
std::optional<bool> NormalizeEra(const RuleMatch& m, NormalizedValue* out) {
  if (m.Has("decade_word")) {
    static const Lexicon& kDecades = WordList("decade_words");
    const std::optional<int> decade = WordNumber(kDecades.Find(Key(m.Group("decade_word"))), "decade");
    if (!decade) return false;
    out->value = std::to_string(*decade) + "X";
    return true;
  }
  if (m.Has("decade") || m.Has("decade2")) {
    std::string_view g = m.Has("decade") ? m.Group("decade") : m.Group("decade2");
    auto d = Digits(g);
    if (!d) return false;
    int year = ExpandYear(*d, CountDigits(g));
    if (year % 10 != 0) return false;
    out->value = std::to_string(year / 10) + "X";
    return true;
  }
  if (m.Has("century")) {
    auto c = Digits(m.Group("century"));
    if (!c) {
      static const Lexicon& kOrdinals = WordList("ordinals");
      c = WordNumber(kOrdinals.Find(Key(m.Group("century"))), "number");
      if (!c) return false;
    }
    if (*c < 1 || *c > 30) return false;
    out->value = Pad(*c - 1, 2);
    return true;
  }
  return std::nullopt;
}

// The year of a holiday named without one, from the reference date: "last/next/this", else the
// year of the month it falls in by the tense of its clause.
int HolidayYear(const RuleMatch& m, const CivilDate& rd, const CivilDate& in_ref_year) {
  // -1 "last", +1 "next", 0 "this"; kNoDirection without such a word. (An int, not an optional:
  // GCC warns that the optional's value may be used uninitialized.)
  constexpr int kNoDirection = 2;
  const int rel = m.Has("rel") ? RelDirection(m.Group("rel")).value_or(kNoDirection) : kNoDirection;
  const int64_t delta = DaysFromCivil(in_ref_year) - DaysFromCivil(rd);
  if (rel == -1) return delta < 0 ? rd.year : rd.year - 1;
  if (rel == 1) return delta > 0 ? rd.year : rd.year + 1;
  if (rel == 0) return rd.year;
  return YearOfMonth(rd, in_ref_year.month, MonthTense(m));
}

// Holidays: a written year, "last/next/this", else the year of the month they fall in; without
// a reference date, the month (and the day of a fixed holiday) alone.
bool NormalizeHoliday(const RuleMatch& m, const std::optional<RefDate>& ref, NormalizedValue* out) {
  const LexiconEntry* e = m.LexiconEntryOf("holiday");
  if (e == nullptr) return false;
  const std::string& code = e->canonical;
  std::optional<int> year;
  if (m.Has("year")) {
    auto y = Digits(m.Group("year"));
    if (!y) return false;
    year = *y;
  }
  const std::optional<RefDate> r = year ? std::nullopt : ref;
  if (!year && (!r || r->grain < 2)) {
    auto probe = HolidayDate(code, 2001);  // not a leap year, no Easter dependence for fixed days
    if (!probe) return false;
    const bool fixed = code.size() == 5 && code[2] == '-';
    std::string value = "XXXX-";
    value += Pad(probe->month, 2);
    if (fixed) value.append("-").append(Pad(probe->day, 2));
    out->value = value;
    return true;
  }
  if (!year) {
    auto in_ref_year = HolidayDate(code, r->date.year);
    if (!in_ref_year) return false;
    year = HolidayYear(m, r->date, *in_ref_year);
  }
  auto d = HolidayDate(code, *year);
  if (!d) return false;
  out->value = m.Has("holiday_week") ? WeekStr(*d) : DayStr(*d);
  if (!m.Has("year")) MarkResolved(m, out);
  return true;
}

// What a date expression's groups say before it is anchored.
struct DateParts {
  std::optional<int> year, month, day, quarter, half, weekday;
  std::optional<int> rel, rel_year;  // "this/last/next" before the expression, and "… year" after it
  std::string season;                // SP, SU, FA, WI
  std::string time;                  // "T22:00" and the like
};

// The year: written or spelled.
bool ParseYear(const RuleMatch& m, DateParts* p) {
  if (m.Has("year")) {
    auto y = Digits(m.Group("year"));
    if (!y) return false;
    p->year = ExpandYear(*y, CountDigits(m.Group("year")));
  } else if (m.Has("spelled_year")) {
    p->year = SpelledYear(m.Group("spelled_year"));
    if (!p->year) return false;
  }
  return true;
}

// The month and day: named, or numeric (US month/day unless the first is over 12).
bool ParseMonthDay(const RuleMatch& m, DateParts* p) {
  p->month = MonthOf(m);
  if (m.Has("day")) {
    p->day = Digits(m.Group("day"));
    if (!p->day || *p->day < 1 || *p->day > 31) return false;
  }
  if (m.Has("num_a") && m.Has("num_b")) {
    auto a = Digits(m.Group("num_a")), b = Digits(m.Group("num_b"));
    if (!a || !b) return false;
    if (*a > 12 && *b <= 12) std::swap(*a, *b);
    p->month = *a;
    p->day = *b;
  }
  if (m.Has("month_num")) p->month = Digits(m.Group("month_num"));
  return !p->month || (*p->month >= 1 && *p->month <= 12);
}

// A quarter, a half, a season (param fall_before_punctuation: "the fall" is the season only
// before punctuation; "the fall in prices" is a drop) and a weekday.
bool ParsePartOfYear(const RuleMatch& m, DateParts* p) {
  if (m.Has("quarter")) {
    p->quarter = OrdinalNumber(m.Group("quarter"));
    if (!p->quarter) return false;
  }
  if (m.Has("half")) {
    const std::string h = Key(m.Group("half"));
    p->half = (h == "last" || h == "latter") ? std::optional<int>(2) : OrdinalNumber(m.Group("half"));
    if (!p->half || *p->half > 2) return false;
  }
  p->season = m.Has("season") ? SeasonOf(m) : std::string();
  if (!p->season.empty() && Key(m.Group("season")) == "fall" && m.rule().params.is_object() &&
      m.rule().params.value("fall_before_punctuation", false)) {
    static const RE2 kPunct(R"(^\s*[.,;:!?)])");
    std::string_view before, after;
    Context(m, &before, &after);
    if (!RE2::PartialMatch(after, kPunct)) return false;
  }
  p->weekday = WeekdayOf(m);
  return true;
}

bool ParseDateParts(const RuleMatch& m, DateParts* p) {
  p->time = TimeOfDay(m);
  if (!ParseYear(m, p) || !ParseMonthDay(m, p) || !ParsePartOfYear(m, p)) return false;
  if (m.Has("rel")) p->rel = RelDirection(m.Group("rel"));
  if (m.Has("rel_year")) p->rel_year = RelDirection(m.Group("rel_year"));
  return true;
}

// A weekday alone: resolved in the reference week, else "XXXX-WXX-N".
bool NormalizeWeekdayAlone(const RuleMatch& m, const std::optional<RefDate>& ref, const DateParts& p,
                           NormalizedValue* out) {
  if (!ref || ref->grain < 3) {
    out->value = "XXXX-WXX-" + std::to_string(*p.weekday) + p.time;
    return true;
  }
  const int dir = p.rel ? (*p.rel < 0 ? -2 : *p.rel > 0 ? 2 : 0) : WeekdayDirection(m);
  out->value = DayStr(ResolveWeekday(ref->date, *p.weekday, dir)) + p.time;
  MarkResolved(m, out);
  return true;
}

// A date without a year and with no reference date: "XXXX-06-01", "XXXX-SU", "XXXX-Q2".
bool UnanchoredValue(const DateParts& p, NormalizedValue* out) {
  if (p.month) {
    std::string value = "XXXX-";
    value += Pad(*p.month, 2);
    if (p.day) value.append("-").append(Pad(*p.day, 2));
    out->value = value + p.time;
  } else if (!p.season.empty()) {
    out->value = "XXXX-" + p.season;
  } else if (p.quarter) {
    out->value = "XXXX-Q" + std::to_string(*p.quarter);
  } else if (p.half) {
    out->value = "XXXX-H" + std::to_string(*p.half);
  } else if (!p.time.empty()) {
    out->value = "XXXX-XX-XX" + p.time;
  } else {
    return false;
  }
  return true;
}

// The first month of a season (SP, SU, FA, WI).
int SeasonStart(const std::string& season) {
  static const std::map<std::string, int, std::less<>> kStart = {{"SP", 3}, {"SU", 6}, {"FA", 9}, {"WI", 12}};
  return kStart.at(season);
}

// The year of a date written without one, from the reference date: "last April" (the latest
// April before the reference month), "next March", "the summer" (by the tense of its clause),
// "next quarter". A time of day alone is the reference day: it is finished here (the result).
std::optional<bool> YearFromReference(const RuleMatch& m, const RefDate& ref, DateParts& p, NormalizedValue* out) {
  const CivilDate& r = ref.date;
  const std::optional<int>& rel = p.rel;
  if (p.month) {
    if (rel && *rel != 0) {
      p.year = *rel < 0 ? (*p.month < r.month ? r.year : r.year - 1) : (*p.month > r.month ? r.year : r.year + 1);
    } else if (rel) {
      p.year = r.year;
    } else {
      p.year = YearOfMonth(r, *p.month, MonthTense(m));
    }
  } else if (!p.season.empty() && rel && *rel != 0) {
    const int start = SeasonStart(p.season);
    p.year = *rel < 0 ? (start < r.month ? r.year : r.year - 1) : (start > r.month ? r.year : r.year + 1);
  } else if (!p.season.empty() && !rel) {
    p.year = YearOfMonth(r, SeasonStart(p.season), MonthTense(m));
  } else if (p.quarter && rel && *rel != 0) {
    p.year = r.year + *rel;
  } else if (!p.day && !p.quarter && !p.half && p.season.empty()) {
    if (p.time.empty() || ref.grain < 3) return false;
    out->value = DayStr(r) + p.time;
    MarkResolved(m, out);
    return true;
  } else {
    p.year = r.year;
  }
  return std::nullopt;
}

// The value of a date whose year is known: "2016-03-04T10:00", "FY2016-Q2", "1988-SU"; "the 1988
// quarter" (the quarter matching the latest complete one), "the week of March 6" (its ISO week).
bool ComposeDate(const RuleMatch& m, const DateParts& p, const std::optional<RefDate>& ref, bool used_ref,
                 NormalizedValue* out) {
  const int year = *p.year;
  if (year < 1000 || year > 2999) return false;
  if (m.Has("period") && !p.month && !p.quarter && !p.half && ref && ref->grain >= 2) {
    const int q = QuarterOf(AddMonths(ref->date, -3).month);
    out->value = YearStr(year) + "-Q" + std::to_string(q);
    MarkResolved(m, out);
    return true;
  }
  if (m.Has("week_of")) {
    if (!p.month || !p.day || *p.day > DaysInMonth(year, *p.month)) return false;
    out->value = WeekStr(CivilDate{year, *p.month, *p.day});
    if (used_ref) MarkResolved(m, out);
    return true;
  }
  std::string value = m.Has("fiscal") ? "FY" + YearStr(year) : YearStr(year);
  if (p.month) {
    value.append("-").append(Pad(*p.month, 2));
    if (p.day) {
      if (*p.day > DaysInMonth(year, *p.month)) return false;
      value.append("-").append(Pad(*p.day, 2)).append(p.time);
    }
  } else if (p.quarter) {
    value += "-Q" + std::to_string(*p.quarter);
  } else if (p.half) {
    value += "-H" + std::to_string(*p.half);
  } else if (!p.season.empty()) {
    value += "-" + p.season;
  }
  out->value = value;
  if (used_ref) MarkResolved(m, out);
  return true;
}

}  // namespace

using namespace timex;

bool NormalizeTimexDate(const RuleMatch& m, NormalizedValue* out) {
  if (!ContextAllows(m)) return false;
  const std::optional<RefDate> ref = RefOf(m);
  out->mod = ModOf(m);
  if (std::optional<bool> era = NormalizeEra(m, out)) return *era;
  if (m.Has("holiday")) return NormalizeHoliday(m, ref, out);
  DateParts p;
  if (!ParseDateParts(m, &p)) return false;
  if (!p.year && p.weekday && !p.month && !p.day) return NormalizeWeekdayAlone(m, ref, p, out);
  bool used_ref = false;
  if (!p.year && p.rel_year) {
    if (!ref) {
      out->value = *p.rel_year < 0 ? "PAST_REF" : *p.rel_year > 0 ? "FUTURE_REF" : "PRESENT_REF";
      return true;
    }
    p.year = ref->date.year + *p.rel_year;
    used_ref = true;
  }
  if (!p.year) {
    if (!ref) return UnanchoredValue(p, out);
    used_ref = true;
    if (std::optional<bool> done = YearFromReference(m, *ref, p, out)) return *done;
  }
  return ComposeDate(m, p, ref, used_ref, out);
}

bool NormalizeTimexRange(const RuleMatch& m, NormalizedValue* out) {
  if (!ContextAllows(m)) return false;
  auto from = Digits(m.Group("from_year"));
  auto to = Digits(m.Group("to_year"));
  if (!from || !to) return false;
  if (Key(m.Group("conj")) == "and" && !m.Has("between")) return false;  // "in 1985 and 1987": two years
  const size_t from_digits = CountDigits(m.Group("from_year"));
  const size_t to_digits = CountDigits(m.Group("to_year"));
  int y1 = ExpandYear(*from, from_digits);
  int y2 = *to;
  if (to_digits <= 2) y2 = y1 / 100 * 100 + *to;  // "2021-25", "1989-90"
  if (to_digits == 3) return false;
  if (y2 <= y1 || y2 - y1 > 100 || y1 < 1000 || y2 > 2999) return false;
  const std::string prefix = m.Has("fiscal") ? "FY" : "";
  out->value = prefix + YearStr(y1) + "/" + prefix + YearStr(y2);
  out->mod = ModOf(m);
  return true;
}

bool NormalizeTimexMonthRange(const RuleMatch& m, NormalizedValue* out) {
  if (!ContextAllows(m)) return false;
  auto from = MonthNumber(m.Group("from_month"));
  auto to = MonthNumber(m.Group("to_month"));
  auto year = Digits(m.Group("year"));
  if (!from || !to || !year || *to <= *from) return false;
  out->value = YearStr(*year) + "-" + Pad(*from, 2) + "/" + YearStr(*year) + "-" + Pad(*to, 2);
  out->mod = ModOf(m);
  return true;
}

}  // namespace policygraph
