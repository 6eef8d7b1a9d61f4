#include "stages/numbers/number.h"

#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <cctype>
#include <cmath>
#include <memory>
#include <string>
#include <map>
#include <unordered_map>

#include "pipeline/rules/word_list.h"

namespace policygraph {
namespace {

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Lowercase with every whitespace run folded to one ' ' and no space at either end.
std::string Canonical(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Number Normalized(Number n) {
  if (n.mantissa == 0) return {0, 0};
  while (n.mantissa % 10 == 0) {
    n.mantissa /= 10;
    ++n.exponent;
  }
  return n;
}

Int128 Pow10(int k) {
  Int128 p = 1;
  for (int i = 0; i < k; ++i) p *= 10;
  return p;
}

// True when s[at..] starts with exactly three digits (a thousands group after a separator).
bool IsThousandsGroup(std::string_view s, size_t at) {
  if (at + 3 > s.size()) return false;
  for (size_t k = at; k < at + 3; ++k) {
    if (!IsDigit(s[k])) return false;
  }
  return at + 3 == s.size() || !IsDigit(s[at + 3]);
}

// "300,000,000" / "12.5" / ".5" -> exact decimal. Separators must group by three.
std::optional<Number> ParseDigits(std::string_view s) {
  Number n;
  bool any = false, point = false, grouped = false;
  size_t digits_before_first_comma = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (IsDigit(c)) {
      if (n.mantissa > (Int128{1} << 100)) return std::nullopt;
      n.mantissa = n.mantissa * 10 + (c - '0');
      if (point) --n.exponent;
      if (!grouped && !point) ++digits_before_first_comma;
      any = true;
    } else if (c == ',' && !point && any && IsThousandsGroup(s, i + 1)) {
      if (!grouped && digits_before_first_comma > 3) return std::nullopt;  // "1234,567"
      grouped = true;
    } else if (c == '.' && !point && i + 1 < s.size() && IsDigit(s[i + 1])) {
      point = true;
    } else {
      return std::nullopt;
    }
  }
  if (!any) return std::nullopt;
  return Normalized(n);
}

// ICU's English spell-out rules, parsing "thirty-three" or "one hundred five". `s` is canonical.
std::optional<Number> ParseSpelledWithIcu(const std::string& s) {
  static thread_local std::unique_ptr<icu::RuleBasedNumberFormat> rbnf = [] {
    UErrorCode status = U_ZERO_ERROR;
    auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale::getEnglish(), status);
    if (U_FAILURE(status)) return std::unique_ptr<icu::RuleBasedNumberFormat>();
    f->setLenient(true);
    return f;
  }();
  if (!rbnf || s.empty()) return std::nullopt;
  // Only letters, spaces and hyphens: lenient parsing would otherwise skip over punctuation.
  for (char c : s) {
    if (!(std::islower(static_cast<unsigned char>(c)) || c == ' ' || c == '-')) return std::nullopt;
  }
  std::string text = s;
  // ICU knows neither "a hundred" nor the British "and" joiner: "a hundred and five" -> "one hundred five".
  if (text.rfind("a ", 0) == 0) text.replace(0, 1, "one");
  if (text.rfind("an ", 0) == 0) text.replace(0, 2, "one");
  std::string cleaned;
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 5, " and ") == 0) {
      cleaned += ' ';
      i += 5;
    } else {
      cleaned += text[i++];
    }
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(cleaned);
  icu::Formattable result;
  icu::ParsePosition pos(0);
  rbnf->parse(u, result, pos);
  if (pos.getIndex() != u.length() || pos.getErrorIndex() >= 0) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  int64_t v = result.getInt64(status);
  if (U_FAILURE(status) || result.getType() == icu::Formattable::kDouble) return std::nullopt;
  // Lenient parsing accepts run-ons ("one two" -> 102): keep only text that is how ICU spells the
  // value, hyphens and spaces alike ("thirty three" == "thirty-three").
  icu::UnicodeString spelled;
  rbnf->format(v, spelled);
  std::string canonical;
  spelled.toUTF8String(canonical);
  auto same = [](std::string a, std::string b) {
    for (std::string* s : {&a, &b}) {
      for (char& c : *s) {
        if (c == '-') c = ' ';
      }
    }
    return a == b;
  };
  if (!same(canonical, cleaned)) return std::nullopt;
  return Normalized({v, 0});
}

// ParseSpelledWithIcu, remembered per thread: an ICU parse costs ~15 us and texts spell the same
// few numbers ("two", "three", "one hundred") again and again.
std::optional<Number> ParseSpelled(const std::string& s) {
  constexpr size_t kMaxRemembered = 4096;
  thread_local std::unordered_map<std::string, std::optional<Number>> memo;
  if (auto it = memo.find(s); it != memo.end()) return it->second;
  if (memo.size() >= kMaxRemembered) memo.clear();
  return memo.emplace(s, ParseSpelledWithIcu(s)).first->second;
}

// 1/den as an exact decimal, when den divides a power of ten (2, 4, 5, 8, 20, 25, ...).
std::optional<Number> Reciprocal(Int128 den) {
  if (den <= 0) return std::nullopt;
  for (int k = 0; k <= 18; ++k) {
    Int128 p = Pow10(k);
    if (p % den == 0) return Normalized({p / den, -k});
  }
  return std::nullopt;
}

// The denominator a fraction word names ("half" -> 2, "quarters" -> 4), or 0.
int Denominator(std::string_view w) {
  // Each form of stages/numbers/fraction_words.tsv -> its denominator (a table: every number
  // parsed asks).
  static const std::map<std::string, int, std::less<>> kWords = [] {
    std::map<std::string, int, std::less<>> out;
    for (const LexiconEntry& e : WordList("fraction_words").entries) {
      for (const std::string& form : e.surfaces) out.emplace(form, WordNumber(&e, "denominator").value_or(0));
    }
    return out;
  }();
  if (!w.empty() && w.back() == 's') w.remove_suffix(1);
  auto it = kWords.find(w);
  return it == kWords.end() ? 0 : it->second;
}

std::optional<Number> ParseCanonical(const std::string& s);

// "3/4", "one-half", "three quarters", "a quarter", "half". nullopt when not a fraction or when it
// has no exact decimal value.
std::optional<Number> ParseFraction(const std::string& s) {
  if (s == "half") return Number{5, -1};
  if (size_t slash = s.find('/'); slash != std::string::npos) {
    auto num = ParseDigits(s.substr(0, slash));
    auto den = ParseDigits(s.substr(slash + 1));
    if (!num || !den || num->exponent != 0 || den->exponent != 0 || s.find(',') != std::string::npos) {
      return std::nullopt;
    }
    auto inv = Reciprocal(den->mantissa);
    if (!inv) return std::nullopt;
    return num->Times(*inv);
  }
  size_t cut = s.find_last_of(" -");
  if (cut == std::string::npos) return std::nullopt;
  int den = Denominator(s.substr(cut + 1));
  if (den == 0) return std::nullopt;
  std::string head = s.substr(0, cut);
  auto num = (head == "a" || head == "an") ? std::optional<Number>(Number{1, 0}) : ParseCanonical(head);
  auto inv = Reciprocal(den);
  if (!num || !inv || !num->IsWhole()) return std::nullopt;
  return num->Times(*inv);
}

bool HasLetter(std::string_view s) {
  for (char c : s) {
    if (std::isalpha(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

// `s` is canonical (lowercase, single spaces, trimmed).
std::optional<Number> ParseCanonical(const std::string& s) {
  if (s.empty()) return std::nullopt;
  if (s == "a" || s == "an") return Number{1, 0};
  // "half a million", "half a dozen"
  for (std::string_view lead : {"half a ", "half an "}) {
    if (s.rfind(lead, 0) == 0) {
      auto scale = ParseScale(s.substr(lead.size()));
      return scale ? std::optional<Number>(Number{5, -1}.Times(*scale)) : std::nullopt;
    }
  }
  // "three-quarters of a million", "a third of a billion", "half of a million"
  for (std::string_view of : {" of a ", " of an "}) {
    if (size_t at = s.find(of); at != std::string::npos) {
      auto part = ParseFraction(s.substr(0, at));
      auto scale = ParseScale(s.substr(at + of.size()));
      return part && scale ? std::optional<Number>(part->Times(*scale)) : std::nullopt;
    }
  }
  // "two and a half million", "one and a half"
  if (size_t at = s.find(" and a half"); at != std::string::npos) {
    auto base = ParseCanonical(s.substr(0, at));
    if (!base || !base->IsWhole()) return std::nullopt;
    Number v = base->Plus({5, -1});
    std::string rest = s.substr(at + 11);
    if (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    if (rest.empty()) return v;
    auto scale = ParseScale(rest);
    return scale ? std::optional<Number>(v.Times(*scale)) : std::nullopt;
  }
  // A trailing scale word: "300 billion", "1.5bn", "two dozen", "five hundred thousand".
  std::string head, tail;
  if (size_t cut = s.find_last_of(' '); cut != std::string::npos) {
    head = s.substr(0, cut);
    tail = s.substr(cut + 1);
  } else {
    size_t k = 0;
    while (k < s.size() && (IsDigit(s[k]) || s[k] == '.' || s[k] == ',')) ++k;
    if (k > 0 && k < s.size()) {
      head = s.substr(0, k);
      tail = s.substr(k);
    }
  }
  if (!tail.empty()) {
    if (auto scale = ParseScale(tail)) {
      auto base = ParseCanonical(head);
      // A spelled head must be smaller than its scale ("two thousand five hundred" is 2500, not 2005 * 100).
      if (base && !(HasLetter(head) && !(*base < *scale))) return base->Times(*scale);
    }
  }
  if (auto d = ParseDigits(s)) return d;
  if (auto f = ParseFraction(s)) return f;
  return ParseSpelled(s);
}

}  // namespace

Json Number::ToJson() const {
  if (auto v = ToInt64()) return *v;
  return ToDouble();
}

double Number::ToDouble() const {
  Number n = Normalized(*this);
  // One correctly rounded operation on exactly representable operands gives the nearest double.
  constexpr Int128 kExact = Int128{1} << 53;
  if (n.mantissa < kExact && n.mantissa > -kExact && n.exponent >= -22 && n.exponent <= 22) {
    double m = static_cast<double>(n.mantissa);
    double p = static_cast<double>(Pow10(n.exponent < 0 ? -n.exponent : n.exponent));
    return n.exponent < 0 ? m / p : m * p;
  }
  return static_cast<double>(n.mantissa) * std::pow(10.0, n.exponent);
}

bool Number::IsWhole() const { return Normalized(*this).exponent >= 0; }

std::optional<int64_t> Number::ToInt64() const {
  Number n = Normalized(*this);
  if (n.exponent < 0 || n.exponent > 18) return std::nullopt;
  const Int128 scale = Pow10(n.exponent);
  if (n.mantissa > INT64_MAX / scale || n.mantissa < INT64_MIN / scale) return std::nullopt;  // no Int128 overflow
  Int128 v = n.mantissa * scale;
  if (v > INT64_MAX || v < INT64_MIN) return std::nullopt;
  return static_cast<int64_t>(v);
}

Number Number::Times(const Number& o) const { return Normalized({mantissa * o.mantissa, exponent + o.exponent}); }

Number Number::Plus(const Number& o) const {
  int e = std::min(exponent, o.exponent);
  return Normalized({mantissa * Pow10(exponent - e) + o.mantissa * Pow10(o.exponent - e), e});
}

bool Number::operator==(const Number& o) const {
  Number a = Normalized(*this), b = Normalized(o);
  return a.mantissa == b.mantissa && a.exponent == b.exponent;
}

bool Number::operator<(const Number& o) const {
  int e = std::min(exponent, o.exponent);
  if (std::max(exponent, o.exponent) - e > 30) return ToDouble() < o.ToDouble();
  return mantissa * Pow10(exponent - e) < o.mantissa * Pow10(o.exponent - e);
}

namespace {

// The scale words of stages/numbers/scale_words.tsv: symbols as written, words lowercase.
struct ScaleTables {
  std::map<std::string, Number, std::less<>> symbols, words;
};

ScaleTables ReadScaleWords() {
  ScaleTables out;
  for (const LexiconEntry& e : WordList("scale_words").entries) {
    const Number n{WordNumber(&e, "mantissa").value_or(1), WordNumber(&e, "exponent").value_or(0)};
    const bool symbol = e.attrs.value("symbol", "") == "yes";
    for (const std::string& form : e.surfaces) (symbol ? out.symbols : out.words).emplace(form, n);
  }
  return out;
}

}  // namespace

std::optional<Number> ParseScale(std::string_view word) {
  std::string w = Canonical(word);
  if (!w.empty() && w.back() == '.') w.pop_back();
  std::string_view raw = word;
  while (!raw.empty() && IsSpace(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && (IsSpace(raw.back()) || raw.back() == '.')) raw.remove_suffix(1);
  static const ScaleTables kScales = ReadScaleWords();
  if (auto it = kScales.symbols.find(raw); it != kScales.symbols.end()) return it->second;
  if (auto it = kScales.words.find(w); it != kScales.words.end()) return it->second;
  return std::nullopt;
}

std::optional<Number> TrailingScale(std::string_view text) {
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  size_t k = text.size();
  while (k > 0 && (std::isalpha(static_cast<unsigned char>(text[k - 1])) || text[k - 1] == '.')) --k;
  if (k == text.size() || k == 0) return std::nullopt;
  return ParseScale(text.substr(k));
}

std::optional<Number> ParseNumber(std::string_view text) { return ParseCanonical(Canonical(text)); }

bool NormalizeNumberGroup(const RuleMatch& m, NormalizedValue* out) {
  auto n = ParseNumber(m.Group("number"));
  if (!n) return false;
  if (m.Has("scale")) {
    auto scale = ParseScale(m.Group("scale"));
    if (!scale) return false;
    n = n->Times(*scale);
  }
  out->value = n->ToJson();
  return true;
}

}  // namespace policygraph
