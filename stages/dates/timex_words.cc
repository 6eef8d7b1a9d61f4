// Words of temporal expressions: month, weekday and ordinal numbers, spelled years, counts, modifiers.
#include "stages/dates/timex.h"

#include <cctype>
#include <string>

#include <re2/re2.h>

#include "pipeline/rules/word_list.h"
#include "stages/dates/timex_internal.h"
#include "stages/numbers/number.h"

namespace policygraph {

namespace timex {

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

}  // namespace timex

using namespace timex;

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
  // "twenty twenty-five". The heads and "two thousand (and)" are the grammar of a spelled year,
  // kept here; the numbers are ICU's (ParseNumber).
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
  static const FormSet kVague = WordFormSetWhere(WordList("count_words"), "vague", "yes");
  return kVague.count(Key(text)) > 0;
}

namespace {

// The count a count word stands for ("a couple" -> 2, "half a" -> 0.5); nullopt for other words
// and vague counts.
std::optional<double> CountWord(const std::string& key) {
  static const Lexicon& kWords = WordList("count_words");
  const LexiconEntry* e = kWords.Find(key);
  if (e == nullptr || !e->attrs.is_object() || !e->attrs.contains("count")) return std::nullopt;
  return std::stod(e->attrs["count"].get<std::string>());
}

}  // namespace

std::optional<double> CountValue(std::string_view text) {
  std::string k = Key(text);
  if (k.ends_with(" of")) k.resize(k.size() - 3);
  if (std::optional<double> n = CountWord(k)) return n;
  // "2 1/2", "two and a half" (the grammar of a half, kept here)
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
  static const Lexicon& kMods = WordList("temporal_mods");
  const LexiconEntry* e = kMods.Find(Key(word));
  return e == nullptr ? std::string() : e->attrs.value("mod", "");
}

}  // namespace policygraph
