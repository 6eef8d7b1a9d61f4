// Helpers shared by the timex_*.cc files of the dates stage (not part of its interface, timex.h):
// reading a match's groups, anchoring to the reference date, and formatting TIMEX3 values.
#ifndef POLICYGRAPH_STAGES_DATES_TIMEX_INTERNAL_H_
#define POLICYGRAPH_STAGES_DATES_TIMEX_INTERNAL_H_

#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/rules/normalizer.h"
#include "stages/dates/timex.h"

namespace policygraph::timex {

// timex_words.cc
// Lowercase, '.' dropped, runs of spaces/hyphens folded to one space: "Sept." -> "sept",
// "mid-afternoon" -> "mid afternoon".
std::string Key(std::string_view s);
std::optional<int> Digits(std::string_view s);

// timex_calendar.cc
// TIMEX3 value pieces: "0007", "2012", "2012-11", "2012-11-14", "2012-W46"; the quarter of a month.
// Inline: GCC 12 sees their lengths only so, and warns (-Wrestrict) on "X-" + Pad(...) otherwise.
inline std::string Pad(int v, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}
inline std::string YearStr(int y) { return Pad(y, 4); }
inline std::string MonthStr(const CivilDate& d) { return YearStr(d.year) + "-" + Pad(d.month, 2); }
inline std::string DayStr(const CivilDate& d) { return MonthStr(d) + "-" + Pad(d.day, 2); }
inline std::string WeekStr(const CivilDate& d) {
  IsoWeek w = IsoWeekOf(d);
  return YearStr(w.year) + "-W" + Pad(w.week, 2);
}
inline int QuarterOf(int month) { return (month - 1) / 3 + 1; }
// A two-digit year: '97 -> 1997, 24 -> 2024 (pivot 50).
int ExpandYear(int y, size_t ndigits);
size_t CountDigits(std::string_view s);

// timex_groups.cc
std::optional<RefDate> RefOf(const RuleMatch& m);
void MarkResolved(const RuleMatch& m, NormalizedValue* out);
// The unit code of group `unit`: the canonical key of the `time_unit` lexicon entry it matched,
// else the code of the word itself.
std::string UnitOf(const RuleMatch& m, std::string_view group = "unit");
// Part of day code (MO AF EV NI) of group `pod`: lexicon key or the word.
std::string PartOfDay(const RuleMatch& m);
// Season code of group `season`.
std::string SeasonOf(const RuleMatch& m);
std::optional<int> MonthOf(const RuleMatch& m);
std::optional<int> WeekdayOf(const RuleMatch& m);
// -1 for last/past/previous…, +1 for next/coming/following…, 0 for this/current; nullopt else.
std::optional<int> RelDirection(std::string_view word);
// "T22:00", "TMO", "T12:00" from groups hour, minute, ampm, noon, pod; "" when none.
std::string TimeOfDay(const RuleMatch& m);
std::string ModOf(const RuleMatch& m);
// Offset mods of "N units ago" (TimeML: "more than a decade ago" is BEFORE).
std::string AgoMod(std::string_view qualifier);
int ParamInt(const RuleMatch& m, const char* key, int fallback);
std::string ParamStr(const RuleMatch& m, const char* key);

// timex_anchor.cc
// The sentence holding the match (empty when it lies between sentences).
std::string_view SentenceOf(const RuleMatch& m);
// ClauseTense of the match in its sentence.
int TenseOf(const RuleMatch& m, bool skip_reporting = false, size_t max_dist = 1000);
// Up to 64 bytes of the view before and after the reported mention (across sentence breaks: the
// splitter may cut after an abbreviation such as "H.R.").
void Context(const RuleMatch& m, std::string_view* before, std::string_view* after);
// A year-like number followed by a plural noun is a count ("2015 employees"), unless a temporal
// preposition or a determiner precedes it ("in 2015 employees were…", "the 1992 protests": a count
// of a thousand or more after "the" would be written "1,992") or the noun is one that years
// qualify ("2015 levels", "1990 prices").
bool LooksLikeCount(std::string_view before, std::string_view after);
// Rule params `not_after` / `not_before`: regexes the sentence text before / after the mention
// must not match (RE2 has no lookbehind); `count_guard: true` applies LooksLikeCount.
bool ContextAllows(const RuleMatch& m);
// News and reports speak of the past unless the sentence is in the future tense: a bare weekday
// ("Friday") is then the next one, otherwise the latest. A reporting verb right before the
// weekday ("said Friday") anchors it in the past even in a future-tense sentence, and so does a
// plan in the past perfect ("had been due to expire Friday"); "until Tuesday" is a deadline ahead
// unless its clause is in the past tense ("he stayed until Tuesday").
int WeekdayDirection(const RuleMatch& m);
// True when the document speaks of quarters (a quarterly report).
bool ReportsByQuarter(const Document& doc);
// True when the sentence of the match speaks of the future.
bool SentenceIsFuture(const RuleMatch& m);
// The tense a month named without a year is spoken of in: a preposition right before it decides
// ("since March", "last May" look back; "by March", "payable Dec. 7", "effective Feb. 1",
// "through January" look ahead), else the nearest tense marker of the clause (ClauseTense;
// reporting verbs left out: "said" dates the statement, not the month).
int MonthTense(const RuleMatch& m);
// The year of a month named without one: the reference year, unless the tense points across
// the year boundary. A past (or tenseless) clause looks back: a month more than 3 months after
// the reference month is last year's; a future one looks ahead: a month more than 3 months
// before it is next year's. Measured on TempEval-3 (1,689 timexes): 5 more right in TimeBank,
// 5 in AQUAINT than with the sentence-wide future test it replaced.
int YearOfMonth(const CivilDate& ref, int month, int tense);
// Up to `reach` bytes of the view before the match.
std::string_view TextBefore(const RuleMatch& m, size_t reach);
// Anaphoric anchors: "the following year", "that year", "later that month" count from the date
// the text last named, not from the reference date. The anchor is the last year (or month, with
// its year) written in the 600 bytes before the mention; nullopt when there is none.
std::optional<int> AnchorYear(const RuleMatch& m);
std::optional<CivilDate> AnchorMonth(const RuleMatch& m, const std::optional<RefDate>& ref);

}  // namespace policygraph::timex

#endif  // POLICYGRAPH_STAGES_DATES_TIMEX_INTERNAL_H_
