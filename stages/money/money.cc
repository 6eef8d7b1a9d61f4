#include "stages/money/money.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "pipeline/rules/word_list.h"
#include "stages/numbers/qualifier.h"

namespace policygraph {
namespace {

// The words of stages/money/yen_sign_cues.tsv that point to `currency`, as an RE2 pattern.
std::string YenSignCues(std::string_view currency) {
  std::string out = "\\b(?:";
  std::string words;
  for (const std::string& w : WordFormSetWhere(WordList("yen_sign_cues"), "currency", currency)) {
    if (!words.empty()) words += '|';
    words += RE2::QuoteMeta(w);
  }
  out.append(words).append(")\\b");
  return out;
}

// A bare "¥" is the sign of both the yen and the yuan: CNY when the text around it (the 3,000
// bytes before, 500 after) speaks of China more than of Japan, else JPY.
std::string YenSignCurrency(const RuleMatch& m, std::string_view sign) {
  static const RE2 kChina(YenSignCues("CNY"));
  static const RE2 kJapan(YenSignCues("JPY"));
  const std::string& view = m.doc().view.text();
  if (sign.data() < view.data() || sign.data() > view.data() + view.size()) return "JPY";
  const size_t at = static_cast<size_t>(sign.data() - view.data());
  const size_t from = at > 3000 ? at - 3000 : 0;
  const std::string_view around = std::string_view(view).substr(from, std::min(view.size(), at + 500) - from);
  auto count = [&](const RE2& cue) {
    int n = 0;
    re2::StringPiece input(around.data(), around.size());
    while (RE2::FindAndConsume(&input, cue)) ++n;
    return n;
  };
  return count(kChina) > count(kJapan) ? "CNY" : "JPY";
}

// The ISO code of the currency group, or of the rule's params, or empty.
std::string CurrencyOf(const RuleMatch& m, std::string_view group) {
  if (const LexiconEntry* e = m.LexiconEntryOf(group)) {
    if (m.Group(group) == "¥") return YenSignCurrency(m, m.Group(group));
    return e->canonical;
  }
  // A code outside a lexicon group ("USD115"): the code as the prefix lexicon names it.
  if (m.Has(group)) {
    const Lexicon* codes = m.FindLexicon("currency_prefix");
    const LexiconEntry* e = codes != nullptr ? codes->Find(m.Group(group)) : nullptr;
    return e != nullptr ? e->canonical : std::string();
  }
  const Json& params = m.rule().params;
  if (group == "currency" && params.is_object() && params.contains("currency")) {
    return params["currency"].get<std::string>();
  }
  return {};
}

// The mod of the first qualifier group present: before the amount, after it, or a bounding verb.
std::string ModOf(const RuleMatch& m) {
  for (std::string_view g : {"qualifier", "post", "verb"}) {
    if (m.Has(g)) return QualifierMod(m.Group(g));
  }
  return {};
}

// `params: {exponent: E}` scales amounts by 10^E.
Number Scaled(const RuleMatch& m, Number n) {
  const Json& params = m.rule().params;
  if (params.is_object() && params.contains("exponent")) n = n.Times({1, params["exponent"].get<int>()});
  return n;
}

// "dollar (USD)": a parenthesized code must name the same currency.
bool CodeAgrees(const RuleMatch& m, const std::string& currency) {
  return !m.Has("code") || m.Group("code") == currency;
}

bool HasWordSeparator(std::string_view sep) {
  for (char c : sep) {
    if (std::isalpha(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

}  // namespace

Json MoneyValue(const Number& amount, std::string_view currency) {
  Json v = Json::object();
  v["amount"] = amount.ToJson();
  v["currency"] = std::string(currency);
  return v;
}

Json MoneyRangeValue(const Number& min, const Number& max, std::string_view currency) {
  Json v = Json::object();
  v["min"] = min.ToJson();
  v["max"] = max.ToJson();
  v["currency"] = std::string(currency);
  return v;
}

std::optional<std::pair<Number, Number>> ParseRangeBounds(std::string_view a, std::string_view b) {
  auto lo = ParseNumber(a), hi = ParseNumber(b);
  if (!lo || !hi) return std::nullopt;
  if (!TrailingScale(a)) {
    if (auto scale = TrailingScale(b)) {
      // b without its scale word: "10 million" -> "10", "3bn" -> "3", "ten million" -> "ten".
      std::string_view base = b;
      while (!base.empty() && std::isspace(static_cast<unsigned char>(base.back()))) base.remove_suffix(1);
      while (!base.empty() && (std::isalpha(static_cast<unsigned char>(base.back())) || base.back() == '.')) {
        base.remove_suffix(1);
      }
      auto hi_base = ParseNumber(base);
      if (hi_base && !(*hi_base < *lo)) lo = lo->Times(*scale);
    }
  }
  if (*hi < *lo) return std::nullopt;
  return std::make_pair(*lo, *hi);
}

// `params: {not_before_word: [of]}`: the amount is no money when the `next` group is one of these
// words ("one million pounds of cheese").
bool BeforeExcludedWord(const RuleMatch& m) {
  const Json& params = m.rule().params;
  if (!m.Has("next") || !params.is_object() || !params.contains("not_before_word")) return false;
  std::string next(m.Group("next"));
  for (char& c : next) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const Json& w : params["not_before_word"]) {
    if (w.is_string() && w.get<std::string>() == next) return true;
  }
  return false;
}

bool NormalizeMoney(const RuleMatch& m, NormalizedValue* out) {
  if (BeforeExcludedWord(m)) return false;
  // A rule with two orders ("USD115" | "115USD") names the second one's groups number2, currency2.
  const bool second = !m.Has("number") && m.Has("number2");
  std::string currency = CurrencyOf(m, second ? "currency2" : "currency");
  if (currency.empty() || !CodeAgrees(m, currency)) return false;
  auto amount = ParseNumber(m.Group(second ? "number2" : "number"));
  if (!amount) return false;
  out->value = MoneyValue(Scaled(m, *amount), currency);
  out->mod = ModOf(m);
  return true;
}

bool NormalizeMoneyRange(const RuleMatch& m, NormalizedValue* out) {
  std::string currency = CurrencyOf(m, "currency");
  if (currency.empty()) return false;
  std::string second = CurrencyOf(m, "currency2");
  if (!second.empty() && second != currency) return false;
  std::string_view sep = m.Group("sep");
  bool word_sep = HasWordSeparator(sep);
  bool and_sep = word_sep && (sep.find("and") != std::string_view::npos || sep.find("AND") != std::string_view::npos);
  if (and_sep != m.Has("between")) return false;  // "between A and B" only
  // "$5,000 to 10 organizations": with a currency symbol in front, a bare second number after a
  // word separator is not an amount (`params: {marked_second: true}`).
  const Json& params = m.rule().params;
  bool marked_second = params.is_object() && params.value("marked_second", false);
  if (marked_second && word_sep && !and_sep && second.empty() && !TrailingScale(m.Group("number2"))) return false;
  auto bounds = ParseRangeBounds(m.Group("number"), m.Group("number2"));
  if (!bounds) return false;
  out->value = MoneyRangeValue(Scaled(m, bounds->first), Scaled(m, bounds->second), currency);
  out->mod = ModOf(m);
  return true;
}

// The minor unit of group `minor` (lexicon currency_minor, key "CUR/N" or "any/N": a Nth of CUR's
// major unit, or of any currency's): N, when it fits `currency`; else 0.
int MinorUnitsPerMajor(const RuleMatch& m, const std::string& currency) {
  const LexiconEntry* e = m.LexiconEntryOf("minor");
  if (e == nullptr) return 0;
  const std::string& key = e->canonical;
  const size_t slash = key.find('/');
  if (slash == std::string::npos) return 0;
  const std::string_view of = std::string_view(key).substr(0, slash);
  if (of != "any" && of != currency) return 0;
  const std::optional<Number> per = ParseNumber(std::string_view(key).substr(slash + 1));
  const std::optional<int64_t> n = per ? per->ToInt64() : std::nullopt;
  return n && *n > 1 && *n <= 1000 ? static_cast<int>(*n) : 0;
}

bool NormalizeMoneyCompound(const RuleMatch& m, NormalizedValue* out) {
  const std::string currency = CurrencyOf(m, m.Has("currency") ? "currency" : "currency2");  // currency2: pounds
  if (currency.empty()) return false;
  const int per = MinorUnitsPerMajor(m, currency);
  auto major = ParseNumber(m.Group("number"));
  auto minor = ParseNumber(m.Group("minor_number"));
  if (per == 0 || !major || !minor || !major->IsWhole() || !minor->IsWhole() || !(*minor < Number{per, 0})) return false;
  // minor / per, exactly: per is 10 or 100 (or another power of ten) in every currency listed.
  Number fraction = *minor;
  for (int p = per; p > 1; p /= 10) {
    if (p % 10 != 0) return false;
    fraction = fraction.Times({1, -1});
  }
  out->value = MoneyValue(major->Plus(fraction), currency);
  out->mod = ModOf(m);
  return true;
}

}  // namespace policygraph
