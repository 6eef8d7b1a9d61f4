// Anchoring a temporal expression: its context, the tense that places it, and the dates named before it.
#include "stages/dates/timex.h"

#include <algorithm>
#include <string>

#include <re2/re2.h>

#include "pipeline/rules/word_list.h"
#include "stages/dates/timex_internal.h"

namespace policygraph {
namespace {

using namespace timex;

// `prefix`, the words of stages/dates/date_cues.tsv with role `role` as an alternation, `suffix`:
// the regex of a context test (every one is a yes-or-no match, so the words' order does not
// matter).
std::string CuePattern(std::string_view prefix, std::string_view role, std::string_view suffix) {
  std::string out(prefix);
  std::string words;
  for (const std::string& w : WordFormSetWhere(WordList("date_cues"), "role", role)) {
    if (!words.empty()) words += '|';
    words += RE2::QuoteMeta(w);
  }
  out.append(words).append(suffix);
  return out;
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

}  // namespace

namespace timex {

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
int TenseOf(const RuleMatch& m, bool skip_reporting, size_t max_dist) {
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
  static const RE2 kTemporalBefore(CuePattern(R"((?i)\b(?:)", "year_before", R"()\s*$)"));
  static const FormSet kYearNouns = WordFormSet(WordList("year_nouns"));
  std::string noun;
  if (!RE2::PartialMatch(after, kPlural, &noun)) return false;
  if (kYearNouns.count(noun) > 0) return false;
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
  static const RE2 kFuture(CuePattern(R"((?i)\b(?:)", "weekday_future", R"()\b)"));
  static const RE2 kReported(CuePattern(R"((?i)\b(?:)", "reported", R"()\s+(?:on\s+|late\s+|early\s+)?$)"));
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
  static const RE2 kPastPlan(CuePattern(R"((?i)\bhad\s+(?:been\s+)?(?:)", "past_plan", R"()\b)"));
  if (RE2::PartialMatch(near_before, kPastPlan)) return -1;
  if (RE2::PartialMatch(near_before, kFuture) || RE2::PartialMatch(after, kFuture)) return 1;
  // A deadline ("has given them until 9 a.m. Tuesday") lies ahead unless the clause is past.
  static const RE2 kUntil(R"((?i)\buntil\s+$)");  // one word, the deadline's: not a list
  if (RE2::PartialMatch(before, kUntil) && TenseOf(m) >= 0) return 1;
  return -1;
}

// True when the document speaks of quarters (a quarterly report).
bool ReportsByQuarter(const Document& doc) {
  static const RE2 kQuarter(R"((?i)\bquarter(?:ly|s)?\b)");  // one word and its forms: not a list
  return RE2::PartialMatch(doc.view.text(), kQuarter);
}

// True when the sentence of the match speaks of the future.
bool SentenceIsFuture(const RuleMatch& m) {
  static const RE2 kFuture(CuePattern(R"((?i)\b(?:)", "sentence_future", R"()\b)"));
  return RE2::PartialMatch(SentenceOf(m), kFuture);
}

// The tense a month named without a year is spoken of in: a preposition right before it decides
// ("since March", "last May" look back; "by March", "payable Dec. 7", "effective Feb. 1",
// "through January" look ahead), else the nearest tense marker of the clause (ClauseTense;
// reporting verbs left out: "said" dates the statement, not the month).
int MonthTense(const RuleMatch& m) {
  // The cue words are a list; "early", "mid", "late" between cue and month are the pattern's.
  static const RE2 kPastCue(CuePattern(R"((?i)\b(?:)", "month_past", R"()\s+(?:(?:early|mid|late)[\s-]+)?$)"));
  static const RE2 kFutureCue(
      CuePattern(R"((?i)\b(?:)", "month_future", R"()\s+(?:(?:early|mid|late|around|about)[\s-]+)?$)"));
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

// Up to `reach` bytes of the view before the match.
std::string_view TextBefore(const RuleMatch& m, size_t reach) {
  const std::string& view = m.doc().view.text();
  const char* at = m.text().data();
  if (at < view.data() || at > view.data() + view.size()) return {};
  const size_t start = static_cast<size_t>(at - view.data());
  const size_t from = start > reach ? start - reach : 0;
  return std::string_view(view.data() + from, start - from);
}

// Anaphoric anchors: "the following year", "that year", "later that month" count from the date
// the text last named, not from the reference date. The anchor is the last year (or month, with
// its year) written in the 600 bytes before the mention; nullopt when there is none.
std::optional<int> AnchorYear(const RuleMatch& m) {
  static const RE2 kYear(R"((?:^|[^\d,.$#/-])((?:1[6-9]|20)\d\d)(?:$|[^\d%,/-]|,\D))");
  const std::string_view before = TextBefore(m, 600);
  re2::StringPiece text(before.data(), before.size());
  std::optional<int> last;
  std::string y;
  while (RE2::FindAndConsume(&text, kYear, &y)) last = std::stoi(y);
  return last;
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

}  // namespace timex

}  // namespace policygraph
