#include "stages/dates/timex.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <unordered_map>
#include <memory>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "pipeline/rules/word_list.h"
#include "stages/numbers/number.h"
#include "stages/numbers/qualifier.h"

namespace policygraph {
namespace {

// Lowercase, '.' dropped, runs of spaces/hyphens folded to one space: "Sept." -> "sept",
// "mid-afternoon" -> "mid afternoon".
std::string Key(std::string_view s) {
  std::string out;
  for (char c : s) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (l == '.' || l == ',') continue;
    if (l == ' ' || l == '-' || l == '\n' || l == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += l;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::optional<int> Digits(std::string_view s) {
  int v = 0, n = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      if (n > 0) break;  // "7th": the digits before the suffix
      if (c == '\'' || c == ' ') continue;
      return std::nullopt;
    }
    if (++n > 6) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return n > 0 ? std::optional<int>(v) : std::nullopt;
}

std::string Pad(int v, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}

std::string YearStr(int y) { return Pad(y, 4); }
std::string MonthStr(const CivilDate& d) { return YearStr(d.year) + "-" + Pad(d.month, 2); }
std::string DayStr(const CivilDate& d) { return MonthStr(d) + "-" + Pad(d.day, 2); }
std::string WeekStr(const CivilDate& d) {
  IsoWeek w = IsoWeekOf(d);
  return YearStr(w.year) + "-W" + Pad(w.week, 2);
}
int QuarterOf(int month) { return (month - 1) / 3 + 1; }

// A two-digit year: '97 -> 1997, 24 -> 2024 (pivot 50).
int ExpandYear(int y, size_t ndigits) {
  if (ndigits > 2) return y;
  return y < 50 ? 2000 + y : 1900 + y;
}

size_t CountDigits(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }));
}

std::optional<RefDate> RefOf(const RuleMatch& m) { return ParseRefDate(m.doc().meta.date); }

void MarkResolved(const RuleMatch& m, NormalizedValue* out) {
  if (!out->attrs.is_object()) out->attrs = Json::object();
  const std::string& src = m.doc().meta.date_source;
  out->attrs["ref_date_source"] = src.empty() ? "unknown" : src;
}

// The unit code of group `unit`: the canonical key of the `time_unit` lexicon entry it matched,
// else the code of the word itself.
std::string UnitOf(const RuleMatch& m, std::string_view group = "unit") {
  if (const LexiconEntry* e = m.LexiconEntryOf(group)) return e->canonical;
  static const std::map<std::string, std::string, std::less<>> kUnits = {
      {"year", "Y"},     {"years", "Y"},     {"yr", "Y"},        {"yrs", "Y"},       {"month", "M"},
      {"months", "M"},   {"week", "W"},      {"weeks", "W"},     {"day", "D"},       {"days", "D"},
      {"quarter", "Q"},  {"quarters", "Q"},  {"decade", "DE"},   {"decades", "DE"},  {"century", "CE"},
      {"centuries", "CE"}, {"hour", "H"},    {"hours", "H"},     {"minute", "MIN"},  {"minutes", "MIN"},
      {"second", "S"},   {"seconds", "S"},   {"weekend", "WE"},  {"weekends", "WE"}, {"night", "NI"},
      {"nights", "NI"},  {"morning", "MO"},  {"mornings", "MO"}, {"evening", "EV"},  {"evenings", "EV"},
      {"afternoon", "AF"}, {"afternoons", "AF"}, {"fortnight", "FN"}, {"semester", "SEM"}};
  auto it = kUnits.find(Key(m.Group(group)));
  return it == kUnits.end() ? std::string() : it->second;
}

// Part of day code (MO AF EV NI) of group `pod`: lexicon key or the word.
std::string PartOfDay(const RuleMatch& m) {
  if (!m.Has("pod")) return {};
  if (const LexiconEntry* e = m.LexiconEntryOf("pod")) return e->canonical;
  std::string k = Key(m.Group("pod"));
  if (k.find("morning") != std::string::npos) return "MO";
  if (k.find("afternoon") != std::string::npos) return "AF";
  if (k.find("evening") != std::string::npos) return "EV";
  if (k.find("night") != std::string::npos) return "NI";
  return {};
}

// Season code of group `season`.
std::string SeasonOf(const RuleMatch& m) {
  if (const LexiconEntry* e = m.LexiconEntryOf("season")) return e->canonical;
  std::string k = Key(m.Group("season"));
  if (k == "spring") return "SP";
  if (k == "summer") return "SU";
  if (k == "fall" || k == "autumn") return "FA";
  if (k == "winter") return "WI";
  return {};
}

std::optional<int> MonthOf(const RuleMatch& m) {
  if (m.Has("month")) {
    if (const LexiconEntry* e = m.LexiconEntryOf("month")) return Digits(e->canonical);
    return MonthNumber(m.Group("month"));
  }
  return std::nullopt;
}

std::optional<int> WeekdayOf(const RuleMatch& m) {
  if (!m.Has("weekday")) return std::nullopt;
  if (const LexiconEntry* e = m.LexiconEntryOf("weekday")) return Digits(e->canonical);
  return WeekdayNumber(m.Group("weekday"));
}

// -1 for last/past/previous…, +1 for next/coming/following…, 0 for this/current; nullopt else.
std::optional<int> RelDirection(std::string_view word) {
  const std::string k = Key(word);
  static const std::map<std::string, int, std::less<>> kDirs = {
      {"last", -1},   {"past", -1},     {"previous", -1}, {"preceding", -1}, {"prior", -1},
      {"the last", -1}, {"the past", -1}, {"the previous", -1}, {"the preceding", -1}, {"the prior", -1},
      {"this past", -1}, {"next", 1},   {"coming", 1},    {"the coming", 1}, {"this coming", 1},
      {"following", 1}, {"the following", 1}, {"upcoming", 1}, {"the upcoming", 1}, {"the next", 1},
      {"this", 0},    {"current", 0},   {"the current", 0}, {"the present", 0}, {"present", 0},
      {"the same", 0}, {"that", 0},      {"that same", 0}};
  auto it = kDirs.find(k);
  if (it == kDirs.end()) return std::nullopt;
  return it->second;
}

// The sentence holding the match (empty when it lies between sentences).
std::string_view SentenceOf(const RuleMatch& m) {
  const std::string& view = m.doc().view.text();
  const char* p = m.text().data();
  if (p < view.data() || p > view.data() + view.size()) return {};
  const uint32_t pos = static_cast<uint32_t>(p - view.data());
  const int32_t i = m.doc().SentenceIndexAt(pos);
  if (i < 0) return {};
  const Span s = m.doc().sentences[static_cast<size_t>(i)];
  if (pos >= s.end) return {};
  return std::string_view(view.data() + s.start, s.end - s.start);
}

// ClauseTense of the match in its sentence.
int TenseOf(const RuleMatch& m, bool skip_reporting = false, size_t max_dist = 1000) {
  const std::string_view sentence = SentenceOf(m);
  const char* at = m.text().data();
  if (sentence.empty() || at < sentence.data() || at > sentence.data() + sentence.size()) return 0;
  const size_t start = static_cast<size_t>(at - sentence.data());
  return ClauseTense(sentence, start, start + m.text().size(), skip_reporting, max_dist);
}

// Up to 64 bytes of the view before and after the reported mention (across sentence breaks: the
// splitter may cut after an abbreviation such as "H.R.").
void Context(const RuleMatch& m, std::string_view* before, std::string_view* after) {
  constexpr size_t kReach = 64;
  const std::string& view = m.doc().view.text();
  *before = {};
  *after = {};
  const char* at = m.text().data();
  if (at < view.data() || at > view.data() + view.size()) return;
  const size_t start = static_cast<size_t>(at - view.data());
  const size_t end = start + m.text().size();
  const size_t from = start > kReach ? start - kReach : 0;
  *before = std::string_view(view.data() + from, start - from);
  *after = std::string_view(view.data() + end, std::min(kReach, view.size() - end));
}

// A year-like number followed by a plural noun is a count ("2015 employees"), unless a temporal
// preposition or a determiner precedes it ("in 2015 employees were…", "the 1992 protests": a count
// of a thousand or more after "the" would be written "1,992") or the noun is one that years
// qualify ("2015 levels", "1990 prices").
bool LooksLikeCount(std::string_view before, std::string_view after) {
  static const RE2 kPlural(R"(^ ([a-z]{3,}[^s'u\s]s)\b)");
  static const RE2 kTemporalBefore(
      R"((?i)\b(?:in|since|by|until|till|from|during|before|after|through|between|as of|circa|early|late|mid|year|fiscal|the|its|their|his|her|our)\s*$)");
  static const std::array<std::string_view, 22> kDateNouns = {
      "levels", "prices", "figures", "sales", "results", "earnings", "numbers", "budgets", "rates", "dollars",
      "estimates", "elections", "games", "olympics", "standards", "targets", "goals", "values", "amounts",
      "totals", "revenues", "profits"};
  std::string noun;
  if (!RE2::PartialMatch(after, kPlural, &noun)) return false;
  if (std::find(kDateNouns.begin(), kDateNouns.end(), noun) != kDateNouns.end()) return false;
  return !RE2::PartialMatch(before, kTemporalBefore);
}

// Rule params `not_after` / `not_before`: regexes the sentence text before / after the mention
// must not match (RE2 has no lookbehind); `count_guard: true` applies LooksLikeCount.
bool ContextAllows(const RuleMatch& m) {
  const Json& p = m.rule().params;
  if (!p.is_object()) return true;
  std::string_view before, after;
  Context(m, &before, &after);
  if (p.contains("not_after") && p["not_after"].is_string()) {
    const RE2* re = ParamRegex(p["not_after"].get<std::string>());
    if (re != nullptr && RE2::PartialMatch(before, *re)) return false;
  }
  if (p.contains("not_before") && p["not_before"].is_string()) {
    const RE2* re = ParamRegex(p["not_before"].get<std::string>());
    if (re != nullptr && RE2::PartialMatch(after, *re)) return false;
  }
  // "post-1959 politics": the prefix makes the number a year.
  if (p.value("count_guard", false) && !m.Has("prepost") && LooksLikeCount(before, after)) return false;
  return true;
}

// News and reports speak of the past unless the sentence is in the future tense: a bare weekday
// ("Friday") is then the next one, otherwise the latest. A reporting verb right before the
// weekday ("said Friday") anchors it in the past even in a future-tense sentence, and so does a
// plan in the past perfect ("had been due to expire Friday"); "until Tuesday" is a deadline ahead
// unless its clause is in the past tense ("he stayed until Tuesday").
int WeekdayDirection(const RuleMatch& m) {
  static const RE2 kFuture(
      R"((?i)\b(?:will|won't|shall|'ll|would|is to|are to|going to|scheduled|slated|expected to|due to|plans? to|planned|planning to|set to|postponed|adjourned|as soon as|as early as)\b)");
  static const RE2 kReported(R"((?i)\b(?:said|says|announced|reported|told|disclosed|added|was|were|had|did)\s+(?:on\s+|late\s+|early\s+)?$)");
  std::string_view sentence = SentenceOf(m);
  if (sentence.empty()) return -1;
  const char* at = m.text().data();
  std::string_view before(sentence.data(), static_cast<size_t>(at - sentence.data()));
  if (RE2::PartialMatch(before, kReported)) return -1;
  // Only a future marker near the weekday counts: in "X said it will … Friday" the weekday is
  // often the day X spoke.
  constexpr size_t kBefore = 60, kAfter = 30;
  std::string_view near_before = before.size() > kBefore ? before.substr(before.size() - kBefore) : before;
  const char* end = at + m.text().size();
  std::string_view after(end, std::min(kAfter, static_cast<size_t>(sentence.data() + sentence.size() - end)));
  // A plan in the past perfect ("had been scheduled to expire Friday") is over.
  static const RE2 kPastPlan(R"((?i)\bhad\s+(?:been\s+)?(?:scheduled|slated|due|expected|set|planned)\b)");
  if (RE2::PartialMatch(near_before, kPastPlan)) return -1;
  if (RE2::PartialMatch(near_before, kFuture) || RE2::PartialMatch(after, kFuture)) return 1;
  // A deadline ("has given them until 9 a.m. Tuesday") lies ahead unless the clause is past.
  static const RE2 kUntil(R"((?i)\buntil\s+$)");
  if (RE2::PartialMatch(before, kUntil) && TenseOf(m) >= 0) return 1;
  return -1;
}

// True when the document speaks of quarters (a quarterly report).
bool ReportsByQuarter(const Document& doc) {
  static const RE2 kQuarter(R"((?i)\bquarter(?:ly|s)?\b)");
  return RE2::PartialMatch(doc.view.text(), kQuarter);
}

// True when the sentence of the match speaks of the future.
bool SentenceIsFuture(const RuleMatch& m) {
  static const RE2 kFuture(
      R"((?i)\b(?:will|won't|shall|'ll|would|is to|are to|going to|scheduled|slated|expects?|expected|due|plans?|planned|next|upcoming|coming|until|through|by)\b)");
  return RE2::PartialMatch(SentenceOf(m), kFuture);
}

// The tense a month named without a year is spoken of in: a preposition right before it decides
// ("since March", "last May" look back; "by March", "payable Dec. 7", "effective Feb. 1",
// "through January" look ahead), else the nearest tense marker of the clause (ClauseTense;
// reporting verbs left out: "said" dates the statement, not the month).
int MonthTense(const RuleMatch& m) {
  static const RE2 kPastCue(R"((?i)\b(?:since|last)\s+(?:(?:early|mid|late)[\s-]+)?$)");
  static const RE2 kFutureCue(
      R"((?i)\b(?:by|until|till|through|effective|payable|due|record|starting|beginning)\s+(?:(?:early|mid|late|around|about)[\s-]+)?$)");
  std::string_view before, after;
  Context(m, &before, &after);
  if (RE2::PartialMatch(before, kPastCue)) return -1;
  if (RE2::PartialMatch(before, kFutureCue)) return 1;
  return TenseOf(m, /*skip_reporting=*/true);
}

// The year of a month named without one: the reference year, unless the tense points across
// the year boundary. A past (or tenseless) clause looks back: a month more than 3 months after
// the reference month is last year's; a future one looks ahead: a month more than 3 months
// before it is next year's. Measured on TempEval-3 (1,689 timexes): 5 more right in TimeBank,
// 5 in AQUAINT than with the sentence-wide future test it replaced.
int YearOfMonth(const CivilDate& ref, int month, int tense) {
  constexpr int kSlack = 3;
  if (tense > 0) return month >= ref.month - kSlack ? ref.year : ref.year + 1;
  return month <= ref.month + kSlack ? ref.year : ref.year - 1;
}

// Anaphoric anchors: "the following year", "that year", "later that month" count from the date
// the text last named, not from the reference date. The anchor is the last year (or month, with
// its year) written in the 600 bytes before the mention; nullopt when there is none.
std::string_view TextBefore(const RuleMatch& m, size_t reach) {
  const std::string& view = m.doc().view.text();
  const char* at = m.text().data();
  if (at < view.data() || at > view.data() + view.size()) return {};
  const size_t start = static_cast<size_t>(at - view.data());
  const size_t from = start > reach ? start - reach : 0;
  return std::string_view(view.data() + from, start - from);
}

std::optional<int> AnchorYear(const RuleMatch& m) {
  static const RE2 kYear(R"((?:^|[^\d,.$#/-])((?:1[6-9]|20)\d\d)(?:$|[^\d%,/-]|,\D))");
  const std::string_view before = TextBefore(m, 600);
  re2::StringPiece text(before.data(), before.size());
  std::optional<int> last;
  std::string y;
  while (RE2::FindAndConsume(&text, kYear, &y)) last = std::stoi(y);
  return last;
}

// A month named in full or abbreviated with its period ("Sept."), then maybe a day and a year.
std::string MonthAnchorPattern() {
  const Lexicon& months = WordList("months");
  std::string out = "\\b(";
  out += WordAlternation(months, WordForms::kValues);
  out += '|';
  out += WordAlternation(months, WordForms::kAliases, "\\.");
  out += R"()(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+((?:1[6-9]|20)\d\d)\b)?)";
  return out;
}

std::optional<CivilDate> AnchorMonth(const RuleMatch& m, const std::optional<RefDate>& ref) {
  static const RE2 kMonth(MonthAnchorPattern());
  const std::string_view before = TextBefore(m, 600);
  re2::StringPiece text(before.data(), before.size());
  std::optional<CivilDate> last;
  re2::StringPiece name, y;
  while (RE2::FindAndConsume(&text, kMonth, &name, &y)) {
    auto mo = MonthNumber(std::string_view(name.data(), name.size()));
    if (!mo) continue;
    if (!y.empty()) {
      last = CivilDate{std::stoi(std::string(y.data(), y.size())), *mo, 1};
    } else if (ref && ref->grain >= 2) {
      // The month's own year, as the month rule would resolve it: by the tense of its sentence
      // (approximated as the text between the sentence marks around it).
      const size_t at = static_cast<size_t>(name.data() - before.data());
      const size_t from = at == 0 ? std::string_view::npos : before.find_last_of(".!?", at - 1);
      const size_t start = from == std::string_view::npos ? 0 : from + 1;
      const size_t to = before.find_first_of(".!?", at + name.size());
      const std::string_view sentence =
          before.substr(start, (to == std::string_view::npos ? before.size() : to) - start);
      const int tense = ClauseTense(sentence, at - start, at - start + name.size(), /*skip_reporting=*/true);
      last = CivilDate{YearOfMonth(ref->date, *mo, tense), *mo, 1};
    }
  }
  return last;
}

// "T22:00", "TMO", "T12:00" from groups hour, minute, ampm, noon, pod; "" when none.
std::string TimeOfDay(const RuleMatch& m) {
  if (m.Has("noon")) {
    std::string k = Key(m.Group("noon"));
    return k == "midnight" ? "T24:00" : "T12:00";
  }
  if (m.Has("hour")) {
    auto h = Digits(m.Group("hour"));
    if (!h || *h > 24) return {};
    int hour = *h;
    std::string ap = Key(m.Group("ampm"));
    if (!ap.empty() && ap[0] == 'p' && hour < 12) hour += 12;
    if (!ap.empty() && ap[0] == 'a' && hour == 12) hour = 0;
    int minute = 0;
    if (m.Has("minute")) {
      auto mm = Digits(m.Group("minute"));
      if (!mm || *mm > 59) return {};
      minute = *mm;
    }
    return "T" + Pad(hour, 2) + ":" + Pad(minute, 2);
  }
  std::string pod = PartOfDay(m);
  return pod.empty() ? std::string() : "T" + pod;
}

std::string ModOf(const RuleMatch& m) {
  for (std::string_view g : {"mod", "suffix", "approx", "prepost"}) {
    if (m.Has(g)) {
      std::string mod = TemporalMod(m.Group(g));
      if (!mod.empty()) return mod;
    }
  }
  return {};
}

// Offset mods of "N units ago" (TimeML: "more than a decade ago" is BEFORE).
std::string AgoMod(std::string_view qualifier) {
  std::string q = QualifierMod(qualifier);
  if (q == "MORE_THAN") return "BEFORE";
  if (q == "LESS_THAN") return "AFTER";
  if (q == "EQUAL_OR_MORE") return "ON_OR_BEFORE";
  if (q == "EQUAL_OR_LESS") return "ON_OR_AFTER";
  return q;
}

int ParamInt(const RuleMatch& m, const char* key, int fallback) {
  const Json& p = m.rule().params;
  if (p.is_object() && p.contains(key) && p[key].is_number_integer()) return p[key].get<int>();
  return fallback;
}

std::string ParamStr(const RuleMatch& m, const char* key) {
  const Json& p = m.rule().params;
  if (p.is_object() && p.contains(key) && p[key].is_string()) return p[key].get<std::string>();
  return {};
}

}  // namespace

// --- calendar ---------------------------------------------------------------------------------

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(const CivilDate& d) {
  const int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = d.month > 2 ? d.month - 3 : d.month + 9;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), m, d};
}

CivilDate AddDays(const CivilDate& d, int64_t n) { return CivilFromDays(DaysFromCivil(d) + n); }

int DaysInMonth(int year, int month) {
  static const std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

CivilDate AddMonths(const CivilDate& d, int n) {
  int total = d.year * 12 + (d.month - 1) + n;
  int y = total >= 0 ? total / 12 : (total - 11) / 12;
  int mo = total - y * 12 + 1;
  return {y, mo, std::min(d.day, DaysInMonth(y, mo))};
}

int IsoWeekday(const CivilDate& d) {
  const int64_t z = DaysFromCivil(d);  // 1970-01-01 was a Thursday (4)
  return static_cast<int>(((z % 7) + 7 + 3) % 7) + 1;
}

IsoWeek IsoWeekOf(const CivilDate& d) {
  const CivilDate thursday = AddDays(d, 4 - IsoWeekday(d));
  const int64_t jan1 = DaysFromCivil({thursday.year, 1, 1});
  return {thursday.year, static_cast<int>((DaysFromCivil(thursday) - jan1) / 7 + 1)};
}

std::optional<RefDate> ParseRefDate(std::string_view text) {
  static const RE2 kDate(R"((\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?)");
  std::string y, mo, d;
  if (!RE2::FullMatch(text, kDate, &y, &mo, &d)) return std::nullopt;
  RefDate r;
  r.date.year = std::stoi(y);
  r.grain = 1;
  if (!mo.empty()) {
    r.date.month = std::stoi(mo);
    if (r.date.month < 1 || r.date.month > 12) return std::nullopt;
    r.grain = 2;
  }
  if (!d.empty()) {
    r.date.day = std::stoi(d);
    if (r.date.day < 1 || r.date.day > DaysInMonth(r.date.year, r.date.month)) return std::nullopt;
    r.grain = 3;
  }
  return r;
}

// --- holidays ---------------------------------------------------------------------------------

std::optional<CivilDate> HolidayDate(std::string_view code, int year) {
  static const RE2 kFixed(R"((\d\d)-(\d\d))");
  static const RE2 kNth(R"((\d\d)-([1-7])-([1-5L])(?:\+(\d))?)");
  static const RE2 kEaster(R"(EASTER(?:([+-])(\d{1,2}))?)");
  int month = 0, day = 0, weekday = 0, shift = 0;
  std::string nth, sign, amount;
  if (RE2::FullMatch(code, kFixed, &month, &day)) {
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
    return CivilDate{year, month, day};
  }
  std::string shift_text;
  if (RE2::FullMatch(code, kNth, &month, &weekday, &nth, &shift_text)) {
    if (month < 1 || month > 12) return std::nullopt;
    if (!shift_text.empty()) shift = std::stoi(shift_text);
    CivilDate d;
    if (nth == "L") {
      const CivilDate last{year, month, DaysInMonth(year, month)};
      d = AddDays(last, -((IsoWeekday(last) - weekday + 7) % 7));
    } else {
      const CivilDate first{year, month, 1};
      d = AddDays(first, (weekday - IsoWeekday(first) + 7) % 7 + 7 * (std::stoi(nth) - 1));
      if (d.month != month) return std::nullopt;
    }
    return AddDays(d, shift);
  }
  if (RE2::FullMatch(code, kEaster, &sign, &amount)) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
    const int em = (h + l - 7 * m + 114) / 31, ed = (h + l - 7 * m + 114) % 31 + 1;
    int offset = amount.empty() ? 0 : std::stoi(amount);
    if (sign == "-") offset = -offset;
    return AddDays(CivilDate{year, em, ed}, offset);
  }
  return std::nullopt;
}

// --- words ------------------------------------------------------------------------------------

std::optional<int> MonthNumber(std::string_view name) {
  static const Lexicon& kMonths = WordList("months");
  return WordNumber(kMonths.Find(Key(name)), "number");
}

std::optional<int> WeekdayNumber(std::string_view name) {
  static const Lexicon& kDays = WordList("weekdays");
  std::string k = Key(name);
  if (k.ends_with("'s")) k.resize(k.size() - 2);
  if (k.ends_with("s") && InWordList(kDays, std::string_view(k).substr(0, k.size() - 1))) k.pop_back();  // "Tuesdays"
  return WordNumber(kDays.Find(k), "number");
}

std::optional<int> OrdinalNumber(std::string_view text) {
  static const Lexicon& kOrdinals = WordList("ordinals");
  static const Lexicon& kNumbers = WordList("number_words");
  std::string k = Key(text);
  if (!k.empty() && (k[0] == 'q' || k[0] == 'h') && k.size() == 2) k = k.substr(1);
  // "the final quarter": the last of a year's four (a meaning of the quarter, not a word list).
  if (k == "final" || k == "last") return 4;
  for (const Lexicon* words : {&kOrdinals, &kNumbers}) {
    if (std::optional<int> n = WordNumber(words->Find(k), "number"); n && *n >= 1 && *n <= 4) return n;
  }
  if (auto d = Digits(k); d && k.size() == 1) return d;
  return std::nullopt;
}

std::optional<int> SpelledYear(std::string_view text) {
  // "nineteen ninety-six", "nineteen eighty", "two thousand", "two thousand and five",
  // "twenty twenty-five".
  std::string k = Key(text);
  auto num = [](std::string_view s) -> std::optional<int> {
    auto n = ParseNumber(s);
    if (!n || !n->IsWhole()) return std::nullopt;
    double v = n->ToDouble();
    if (v < 0 || v > 9999) return std::nullopt;
    return static_cast<int>(v);
  };
  if (k.starts_with("two thousand")) {
    std::string rest = k.substr(12);
    if (rest.starts_with(" and")) rest = rest.substr(4);
    if (rest.empty()) return 2000;
    auto r = num(rest);
    if (r && *r < 100) return 2000 + *r;
    return std::nullopt;
  }
  for (std::string_view head : {"nineteen", "eighteen", "twenty", "seventeen"}) {
    if (k.starts_with(std::string(head) + " ")) {
      auto h = num(head);
      auto r = num(k.substr(head.size() + 1));
      if (h && r && *r < 100 && *r >= 10) return *h * 100 + *r;
      if (h && k.substr(head.size() + 1) == "hundred") return *h * 100;
    }
  }
  return std::nullopt;
}

bool IsVagueCount(std::string_view text) {
  static const std::array<std::string_view, 9> kVague = {"several", "a few", "few", "many", "some",
                                                         "a number of", "numerous", "a couple", "multiple"};
  const std::string k = Key(text);
  return std::find(kVague.begin(), kVague.end(), k) != kVague.end();
}

std::optional<double> CountValue(std::string_view text) {
  std::string k = Key(text);
  if (k.ends_with(" of")) k.resize(k.size() - 3);
  if (k == "a" || k == "an" || k == "one" || k == "a single" || k == "single") return 1;
  if (k == "a couple" || k == "couple" || k == "a pair" || k == "both" || k == "other") return 2;
  if (k == "half a" || k == "half an" || k == "a half") return 0.5;
  if (k == "a dozen" || k == "dozen") return 12;
  // "2 1/2", "two and a half"
  static const RE2 kFraction(R"((\d+) 1/2|(.+) and a half)");
  std::string whole, words;
  if (RE2::FullMatch(k, kFraction, &whole, &words)) {
    auto w = CountValue(whole.empty() ? words : whole);
    if (w) return *w + 0.5;
    return std::nullopt;
  }
  if (k.find(',') != std::string::npos) return std::nullopt;
  auto n = ParseNumber(text);
  if (!n) return std::nullopt;
  return n->ToDouble();
}

std::string TemporalMod(std::string_view word) {
  static const std::map<std::string, std::string, std::less<>> kMods = {
      {"early", "START"},       {"earlier", "START"},        {"the beginning of", "START"},
      {"beginning of", "START"}, {"the start of", "START"},   {"start of", "START"},
      {"the dawn of", "START"}, {"the first half of", "START"}, {"mid", "MID"},
      {"the middle of", "MID"}, {"middle of", "MID"},        {"the mid", "MID"},
      {"late", "END"},          {"later", "END"},            {"the end of", "END"},
      {"end of", "END"},        {"the close of", "END"},     {"the turn of", "END"},
      {"the second half of", "END"}, {"the latter part of", "END"}, {"or later", "ON_OR_AFTER"},
      {"and beyond", "ON_OR_AFTER"}, {"and later", "ON_OR_AFTER"}, {"or after", "ON_OR_AFTER"},
      {"onwards", "ON_OR_AFTER"}, {"onward", "ON_OR_AFTER"}, {"and after", "ON_OR_AFTER"},
      {"or earlier", "ON_OR_BEFORE"}, {"or before", "ON_OR_BEFORE"}, {"and earlier", "ON_OR_BEFORE"},
      {"and before", "ON_OR_BEFORE"}, {"about", "APPROX"},    {"around", "APPROX"},
      {"approximately", "APPROX"}, {"circa", "APPROX"},      {"roughly", "APPROX"},
      {"sometime", "APPROX"},    {"some time", "APPROX"},     {"or so", "APPROX"},
      {"post", "AFTER"},         {"pre", "BEFORE"},           {"end", "END"},
      {"start", "START"}};
  auto it = kMods.find(Key(word));
  return it == kMods.end() ? std::string() : it->second;
}

// --- values -----------------------------------------------------------------------------------

std::string DurationValue(std::optional<double> count, std::string_view unit) {
  auto fmt = [&](double n, const char* suffix, bool time) {
    std::string num;
    if (n == std::floor(n)) {
      num = std::to_string(static_cast<long long>(n));
    } else {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", n);
      num = buf;
    }
    return std::string(time ? "PT" : "P") + num + suffix;
  };
  auto vague = [&](const char* suffix, bool time) { return std::string(time ? "PTX" : "PX") + suffix; };
  struct Unit {
    const char* code;
    const char* suffix;
    bool time;
    double factor;  // DE and CE are written in years
  };
  static const std::array<Unit, 11> kUnits = {{{"Y", "Y", false, 1},
                                               {"M", "M", false, 1},
                                               {"W", "W", false, 1},
                                               {"D", "D", false, 1},
                                               {"Q", "Q", false, 1},
                                               {"DE", "Y", false, 10},
                                               {"CE", "Y", false, 100},
                                               {"H", "H", true, 1},
                                               {"MIN", "M", true, 1},
                                               {"S", "S", true, 1},
                                               {"WE", "D", false, 2}}};
  for (const Unit& u : kUnits) {
    if (unit != u.code) continue;
    if (!count) {
      if (unit == "DE") return "PXDE";
      if (unit == "CE") return "PXCE";
      if (unit == "WE") return "PXD";
      return vague(u.suffix, u.time);
    }
    double n = *count * u.factor;
    // Fractions go one grain down, TimeML style: 2.5 years is P2Y6M, half an hour PT30M.
    if (n != std::floor(n)) {
      const double whole = std::floor(n), rest = n - whole;
      auto composite = [&](const char* big, double factor, const char* small, bool time) {
        std::string v = time ? "PT" : "P";
        if (whole > 0) v += std::to_string(static_cast<long long>(whole)) + big;
        const double r = std::round(rest * factor * 1000) / 1000;
        std::string part = fmt(r, small, false);  // "P6M" -> strip the "P"
        return v + part.substr(1);
      };
      if (unit == "Y") return composite("Y", 12, "M", false);
      if (unit == "H") return composite("H", 60, "M", true);
      if (unit == "D") {
        std::string v = "P";
        if (whole > 0) v += std::to_string(static_cast<long long>(whole)) + "D";
        return v + fmt(std::round(rest * 24 * 1000) / 1000, "H", true).substr(1);  // "PT12H" -> "T12H"
      }
      if (unit == "MIN") return composite("M", 60, "S", true);
      if (unit == "M" || unit == "W") return fmt(n * (unit == "M" ? 30 : 7), "D", false);
    }
    return fmt(n, u.suffix, u.time);
  }
  return {};
}

std::string ShiftedValue(const CivilDate& ref, int n, std::string_view unit) {
  if (unit == "Y") return YearStr(ref.year + n);
  if (unit == "M") return MonthStr(AddMonths(ref, n));
  if (unit == "W" || unit == "WE") {
    std::string w = WeekStr(AddDays(ref, 7 * static_cast<int64_t>(n)));
    return unit == "WE" ? w + "-WE" : w;
  }
  if (unit == "D") return DayStr(AddDays(ref, n));
  if (unit == "Q") {
    int q = ref.year * 4 + QuarterOf(ref.month) - 1 + n;
    int y = q >= 0 ? q / 4 : (q - 3) / 4;
    return YearStr(y) + "-Q" + std::to_string(q - y * 4 + 1);
  }
  if (unit == "DE") {
    int decade = ref.year / 10 + n;
    return std::to_string(decade) + "X";
  }
  if (unit == "CE") {
    int century = ref.year / 100 + n;
    return Pad(century, 2);
  }
  return {};
}

CivilDate ResolveWeekday(const CivilDate& ref, int weekday, int dir) {
  const int today = IsoWeekday(ref);
  int delta = 0;
  switch (dir) {
    case 0:
      delta = weekday - today;
      break;
    case -1:
      delta = -((today - weekday + 7) % 7);
      break;
    case 1:
      delta = (weekday - today + 7) % 7;
      break;
    case -2:
      delta = -((today - weekday + 6) % 7 + 1);
      break;
    default:
      delta = (weekday - today + 6) % 7 + 1;
      break;
  }
  return AddDays(ref, delta);
}

// --- tense ------------------------------------------------------------------------------------

namespace {

bool IsLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '\''; }

// Words that end in -ed without being past-tense verbs.
bool NotAPastForm(std::string_view w) {
  static const std::array<std::string_view, 24> kWords = {
      "need", "speed", "seed", "feed", "bed", "shed", "red", "hundred", "indeed", "proceed", "exceed",
      "succeed", "united", "sacred", "naked", "wicked", "kindred", "aged", "beloved", "breed", "weed",
      "bleed", "reed", "deed"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

bool IrregularPast(std::string_view w) {
  static const std::array<std::string_view, 78> kWords = {
      "was", "were", "had", "did", "said", "told", "began", "became", "brought", "bought", "came", "caught",
      "chose", "dealt", "drew", "drove", "fell", "fled", "fought", "found", "flew", "forgot", "froze", "gave",
      "got", "grew", "heard", "held", "hid", "knew", "laid", "led", "lent", "lost", "made", "meant", "met",
      "paid", "ran", "rang", "rose", "saw", "sought", "sold", "sent", "shook", "shot", "showed", "sang", "sank",
      "sat", "slept", "slid", "spoke", "spent", "stood", "stole", "struck", "stuck", "swore", "swept", "took",
      "taught", "tore", "thought", "threw", "understood", "woke", "wore", "won", "wrote", "withdrew", "overtook",
      "undertook", "went", "ate", "broke", "wasn't"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

}  // namespace

int ClauseTense(std::string_view sentence, size_t start, size_t end, bool skip_reporting, size_t max_dist) {
  struct Word {
    std::string text;  // lowercase
    size_t pos;
    bool capitalized;
  };
  std::vector<Word> words;
  for (size_t i = 0; i < sentence.size();) {
    if (!IsLetter(sentence[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    std::string w;
    while (j < sentence.size() && IsLetter(sentence[j])) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(sentence[j])));
      ++j;
    }
    while (!w.empty() && w.front() == '\'') w.erase(w.begin());
    if (!w.empty()) words.push_back({std::move(w), i, std::isupper(static_cast<unsigned char>(sentence[i])) != 0});
    i = j;
  }
  auto at = [&](size_t k) -> std::string_view { return k < words.size() ? std::string_view(words[k].text) : std::string_view(); };
  // +1 future, -1 past, 0 none, for the word at k (multi-word markers are read at their head).
  auto marker = [&](size_t k) -> int {
    const std::string_view w = at(k), next = at(k + 1), prev = k > 0 ? at(k - 1) : std::string_view();
    const std::string_view prev2 = k > 1 ? at(k - 2) : std::string_view();
    static const std::array<std::string_view, 8> kModal = {"will", "shall", "won't", "would", "wouldn't", "ll", "should", "might"};
    static const std::array<std::string_view, 9> kPlanned = {"scheduled", "slated", "expected", "due", "planned", "set",
                                                             "postponed", "adjourned", "delayed"};
    const bool after_had = prev == "had" || (prev == "been" && prev2 == "had");
    if (std::find(kModal.begin(), kModal.end(), w) != kModal.end()) return 1;
    // "may" only in lowercase (else the month)
    if ((w == "may" && !words[k].capitalized) || w == "must" || w == "can") return 1;
    if (w.ends_with("'ll")) return 1;
    if ((w == "is" || w == "are" || w == "am") && next == "to") return 1;
    if (w == "going" && next == "to") return 1;
    if ((w == "plan" || w == "plans" || w == "planning" || w == "expects" || w == "expect") && next == "to") return 1;
    if (std::find(kPlanned.begin(), kPlanned.end(), w) != kPlanned.end()) {
      if (after_had) return -1;
      if (w == "set" && next != "to" && next != "for") return 0;
      return 1;
    }
    if (w == "as" && (next == "soon" || next == "early") && at(k + 2) == "as") return 1;
    static const std::array<std::string_view, 10> kReporting = {"said", "told", "announced", "reported", "added",
                                                                "disclosed", "noted", "stated", "explained", "confirmed"};
    if (skip_reporting && std::find(kReporting.begin(), kReporting.end(), w) != kReporting.end()) return 0;
    if (w == "was" || w == "were" || w == "had" || w == "did" || w == "wasn't" || w == "weren't" || w == "didn't") return -1;
    if (IrregularPast(w) || (w.size() > 4 && w.ends_with("ed") && !NotAPastForm(w))) {
      // A participle after a form of "be", "to" or a determiner is passive or adjectival: its
      // auxiliary (read on its own) carries the tense.
      static const std::array<std::string_view, 23> kNotFinite = {
          "is", "are", "am", "be", "been", "being", "to", "the", "a", "an", "will", "newly", "still", "very",
          "its", "their", "his", "her", "our", "this", "these", "those", "not"};
      if (std::find(kNotFinite.begin(), kNotFinite.end(), prev) != kNotFinite.end()) return 0;
      return -1;
    }
    return 0;
  };
  // The mention's words are [first, last).
  size_t first = 0, last = 0;
  while (first < words.size() && words[first].pos < start) ++first;
  last = first;
  while (last < words.size() && words[last].pos < end) ++last;
  int best = 0;
  size_t best_dist = SIZE_MAX;
  for (size_t k = 0; k < words.size(); ++k) {
    if (k >= first && k < last) continue;
    const int t = marker(k);
    if (t == 0) continue;
    const size_t dist = k < first ? first - k : k - last + 1;
    if (dist > max_dist) continue;
    // Markers before the mention win ties (they usually govern it).
    if (dist < best_dist) {
      best = t;
      best_dist = dist;
    }
  }
  return best;
}

// --- normalizers ------------------------------------------------------------------------------

namespace {

// Decades and centuries, which stand alone: "the sixties", "the 1990s", "the 19th century".
// nullopt when the match is none; else whether it normalized.
std::optional<bool> NormalizeEra(const RuleMatch& m, NormalizedValue* out) {
  if (m.Has("decade_word")) {
    static const std::map<std::string, int, std::less<>> kWords = {
        {"twenties", 192}, {"thirties", 193}, {"forties", 194}, {"fifties", 195},
        {"sixties", 196},  {"seventies", 197}, {"eighties", 198}, {"nineties", 199}};
    auto it = kWords.find(Key(m.Group("decade_word")));
    if (it == kWords.end()) return false;
    out->value = std::to_string(it->second) + "X";
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
    out->value = "XXXX-" + Pad(probe->month, 2) + (fixed ? "-" + Pad(probe->day, 2) : std::string());
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
    out->value = "XXXX-" + Pad(*p.month, 2) + (p.day ? "-" + Pad(*p.day, 2) : "") + p.time;
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
    value += "-" + Pad(*p.month, 2);
    if (p.day) {
      if (*p.day > DaysInMonth(year, *p.month)) return false;
      value += "-" + Pad(*p.day, 2) + p.time;
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

namespace {

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
  static const std::array<std::string_view, 10> kAnaphoric = {
      "following", "the following", "previous", "the previous", "preceding", "the preceding", "that",
      "the same", "that same", "the prior"};
  if (!m.Has("rel") || std::find(kAnaphoric.begin(), kAnaphoric.end(), Key(m.Group("rel"))) == kAnaphoric.end()) {
    return false;
  }
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

bool NormalizeTimexConstant(const RuleMatch& m, NormalizedValue* out) {
  if (!ContextAllows(m)) return false;
  // Param `not_in_past`: "soon" in a past-tense clause ("he was soon released") is shortly after
  // a past event, not a future reference.
  const Json& p = m.rule().params;
  if (p.is_object() && p.value("not_in_past", false) && TenseOf(m) < 0) return false;
  out->value = m.rule().value;
  return !out->value.is_null();
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
