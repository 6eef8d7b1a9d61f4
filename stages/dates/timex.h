// TIMEX3 normalization for the `dates` stage: calendar arithmetic (proleptic Gregorian, ISO
// weeks), the reference date of a document, and the normalizers that turn the named groups of the
// rules in stages/dates/rules.yaml into TIMEX3 values:
//
//   DATE      "June 7, 2017" -> 2017-06-07, "Q1 2024" -> 2024-Q1, "the 2010s" -> 201X,
//             "FY2024" -> FY2024, "early 2025" -> 2025 (mod START), "2016-2020" -> 2016/2020,
//             "last year" -> 2012 (reference date 2013-02-12), "Tuesday" -> 2013-02-12
//   DURATION  "five years" -> P5Y, "18 months" -> P18M, "the past 24 hours" -> PT24H
//   SET       "annually" -> P1Y, "every two years" -> P2Y, "each Thursday" -> XXXX-WXX-4
//
// Relative expressions are resolved against Document::meta.date; a mention so resolved records
// where that date came from in attrs.ref_date_source. Without a reference date they keep an
// unresolved value (PAST_REF, FUTURE_REF, PRESENT_REF, XXXX-03, XXXX-WXX-2). All functions are
// pure and thread-safe.
#ifndef POLICYGRAPH_STAGES_DATES_TIMEX_H_
#define POLICYGRAPH_STAGES_DATES_TIMEX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/rules/normalizer.h"

namespace policygraph {

struct CivilDate {
  int year = 0;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  bool operator==(const CivilDate&) const = default;
};

// Days since 1970-01-01 (negative before).
int64_t DaysFromCivil(const CivilDate& d);
CivilDate CivilFromDays(int64_t days);
CivilDate AddDays(const CivilDate& d, int64_t n);
// Adds n months, clamping the day to the target month's length.
CivilDate AddMonths(const CivilDate& d, int n);
int DaysInMonth(int year, int month);
// 1 = Monday … 7 = Sunday (ISO 8601).
int IsoWeekday(const CivilDate& d);
// ISO 8601 week: {week-based year, week 1..53}.
struct IsoWeek {
  int year = 0;
  int week = 0;
};
IsoWeek IsoWeekOf(const CivilDate& d);

// A document's reference date, from "YYYY-MM-DD" (a trailing "THH:MM…" is ignored), "YYYY-MM" or
// "YYYY". `grain` says how much of it is known: 1 year, 2 month, 3 day.
struct RefDate {
  CivilDate date;
  int grain = 0;
};
std::optional<RefDate> ParseRefDate(std::string_view text);

// Month number from a name or abbreviation ("June", "Sept.", "jan"); nullopt if none.
std::optional<int> MonthNumber(std::string_view name);
// ISO weekday from a name or abbreviation ("Tuesday", "Tues.", "thu"); nullopt if none.
std::optional<int> WeekdayNumber(std::string_view name);
// Ordinal or number 1..4 of a quarter/half: "Q3", "3", "third", "3rd", "H2"; nullopt if none.
std::optional<int> OrdinalNumber(std::string_view text);
// A year written as words: "nineteen ninety-six" -> 1996, "two thousand (and) five" -> 2005.
std::optional<int> SpelledYear(std::string_view text);
// A count: digits, number words ("twenty four"), "a"/"an" -> 1, "a couple of" -> 2; nullopt for
// vague counts ("several", "a few", "many", "some") and non-numbers.
std::optional<double> CountValue(std::string_view text);
// True for vague counts: "several", "a few", "few", "many", "some", "a number of".
bool IsVagueCount(std::string_view text);

// ISO 8601 / TIMEX3 duration for `count` units (unit codes: Y M W D Q DE CE H MIN S WE); a
// missing count (nullopt) gives the unspecified form (PXY, PTXH). "" for an unknown unit.
std::string DurationValue(std::optional<double> count, std::string_view unit);

// TIMEX3 value of the date `n` units from `ref` (n may be 0 or negative) at the unit's grain:
// Y -> "2012", M -> "2012-11", W -> "2012-W46", D -> "2012-11-14", Q -> "2012-Q4",
// DE -> "201X", CE -> "20" (TimeML centuries: the first two digits).
std::string ShiftedValue(const CivilDate& ref, int n, std::string_view unit);

// The weekday `weekday` (1..7) nearest `ref` in the direction `dir`: -1 the latest on or before
// ref, +1 the first on or after ref, 0 the one in ref's ISO week; -2 strictly before ("last
// Friday"), +2 strictly after ("next Friday").
CivilDate ResolveWeekday(const CivilDate& ref, int weekday, int dir);

// The date of a holiday in `year` from its code (the canonical key of the `dt_holiday` lexicon):
// "12-25" a fixed day, "11-4-4" the 4th Thursday (ISO weekday 4) of November, "05-1-L" the last
// Monday of May, "11-1-1+1" the day after the first Monday of November (US Election Day),
// "EASTER" / "EASTER-2" Easter Sunday (Gregorian computus) and days around it; nullopt for an
// unknown code.
std::optional<CivilDate> HolidayDate(std::string_view code, int year);

// The mod for a temporal modifier word: "early" -> START, "mid"/"middle of" -> MID,
// "late"/"end of" -> END, "or later"/"and beyond" -> ON_OR_AFTER, "or earlier" -> ON_OR_BEFORE,
// "about"/"around" -> APPROX; "" when none.
std::string TemporalMod(std::string_view word);

// The tense of the clause around [start, end) of `sentence`, read from the nearest tense marker
// (in words; one before the span wins a tie): +1 future ("will", "would", lowercase "may", "is to",
// "expected to", "scheduled", "as soon as"), -1 past ("was", "had", "met", a finite -ed verb, "had
// been scheduled"; a participle after "be", "to" or a determiner is none), 0 when the sentence has
// none within `max_dist` words. `skip_reporting` ignores reporting verbs ("said", "told", ...),
// which date the statement rather than what it reports.
int ClauseTense(std::string_view sentence, size_t start, size_t end, bool skip_reporting = false,
                size_t max_dist = 1000);

// Normalizers (registered in stages/dates/register.cc; groups documented there and in
// stages/dates/rules.yaml).
bool NormalizeTimexDate(const RuleMatch& m, NormalizedValue* out);
bool NormalizeTimexRange(const RuleMatch& m, NormalizedValue* out);
// Normalizer `timex_month_range`: months of one year, from_month .. to_month of `year`
// ("January to June 2023" -> 2023-01/2023-06); the second month must come after the first.
bool NormalizeTimexMonthRange(const RuleMatch& m, NormalizedValue* out);
bool NormalizeTimexRelative(const RuleMatch& m, NormalizedValue* out);
bool NormalizeTimexDuration(const RuleMatch& m, NormalizedValue* out);
bool NormalizeTimexSet(const RuleMatch& m, NormalizedValue* out);
// The rule's constant `value` (PRESENT_REF, PAST_REF, FUTURE_REF) under the context guards.
bool NormalizeTimexConstant(const RuleMatch& m, NormalizedValue* out);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_DATES_TIMEX_H_
