#include "stages/numbers/number.h"

#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <cctype>
#include <cmath>
#include <memory>
#include <string>

namespace policygraph {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Number Normalized(Number n) {
  if (n.mantissa == 0) return {0, 0};
  while (n.mantissa % 10 == 0) {
    n.mantissa /= 10;
    ++n.exponent;
  }
  return n;
}

 // True when s[at..] starts with exactly three digits (a thousands group after a separator).
bool IsThousandsGroup(std::string_view s, size_t at) {
  if (at + 3 > s.size()) return false;
  for (size_t k = at; k < at + 3; ++k) {
    if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
  }
  return at + 3 == s.size() || !std::isdigit(static_cast<unsigned char>(s[at + 3]));
}

// "300,000,000" / "12.5" / "1 000" -> exact decimal. Requires at least one digit.
std::optional<Number> ParseDigits(std::string_view s) {
  Number n;
  bool any = false, point = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (n.mantissa > (Int128{1} << 100)) return std::nullopt;
      n.mantissa = n.mantissa * 10 + (c - '0');
      if (point) --n.exponent;
      any = true;
    } else if (c == ',' && !point && any && IsThousandsGroup(s, i + 1)) {
      continue;  // thousands separator
    } else if (c == '.' && !point && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      point = true;
    } else {
      return std::nullopt;
    }
  }
  if (!any) return std::nullopt;
  return Normalized(n);
}

// ICU's English spell-out rules, parsing "thirty-three" or "one hundred five".
std::optional<Number> ParseSpelled(std::string_view s) {
  static thread_local std::unique_ptr<icu::RuleBasedNumberFormat> rbnf = [] {
    UErrorCode status = U_ZERO_ERROR;
    auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale::getEnglish(), status);
    if (U_FAILURE(status)) return std::unique_ptr<icu::RuleBasedNumberFormat>();
    f->setLenient(true);
    return f;
  }();
  if (!rbnf) return std::nullopt;
  std::string text = Lower(s);
  // ICU does not know "a hundred" or "and" joiners in every position: drop them.
  if (text.rfind("a ", 0) == 0 || text.rfind("an ", 0) == 0) text = "one " + text.substr(text.find(' ') + 1);
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
  if (U_FAILURE(status)) return std::nullopt;
  return Normalized({v, 0});
}

}  // namespace

Json Number::ToJson() const {
  if (IsWhole()) {
    Int128 v = mantissa;
    for (int i = 0; i < exponent; ++i) v *= 10;
    if (v <= INT64_MAX && v >= INT64_MIN) return static_cast<int64_t>(v);
  }
  return ToDouble();
}

double Number::ToDouble() const { return static_cast<double>(mantissa) * std::pow(10.0, exponent); }

bool Number::IsWhole() const { return exponent >= 0 && exponent < 19; }

Number Number::Times(const Number& o) const { return Normalized({mantissa * o.mantissa, exponent + o.exponent}); }

bool Number::operator==(const Number& o) const {
  Number a = Normalized(*this), b = Normalized(o);
  return a.mantissa == b.mantissa && a.exponent == b.exponent;
}

std::optional<Number> ParseScale(std::string_view word) {
  std::string w = Lower(Trim(word));
  if (!w.empty() && w.back() == '.') w.pop_back();
  if (word == "M" || word == "MM" || w == "million" || w == "millions" || w == "mn" || w == "mil" || w == "mln") {
    return Number{1, 6};
  }
  if (w == "thousand" || w == "k" || w == "thousands") return Number{1, 3};
  if (w == "billion" || w == "billions" || w == "bn" || w == "b" || w == "bil" || w == "bln") return Number{1, 9};
  if (w == "trillion" || w == "trillions" || w == "tn" || w == "t") return Number{1, 12};
  if (w == "hundred") return Number{1, 2};
  if (w == "dozen" || w == "dozens") return Number{12, 0};
  return std::nullopt;
}

std::optional<Number> ParseNumber(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty()) return std::nullopt;
  // "half a million", "half a billion"
  std::string lower = Lower(s);
  if (lower.rfind("half a ", 0) == 0 || lower.rfind("half an ", 0) == 0) {
    auto scale = ParseScale(s.substr(s.rfind(' ') + 1));
    if (scale) return Number{5, -1}.Times(*scale);
  }
  // A trailing scale word: "300 billion", "1.5bn", "two dozen".
  size_t cut = s.find_last_of(' ');
  std::string_view head = s, tail;
  if (cut != std::string_view::npos) {
    head = Trim(s.substr(0, cut));
    tail = s.substr(cut + 1);
  } else {
    size_t k = 0;
    while (k < s.size() && (std::isdigit(static_cast<unsigned char>(s[k])) || s[k] == '.' || s[k] == ',')) ++k;
    if (k > 0 && k < s.size()) {
      head = s.substr(0, k);
      tail = s.substr(k);
    }
  }
  if (!tail.empty()) {
    if (auto scale = ParseScale(tail)) {
      auto base = ParseNumber(head);
      if (base) return base->Times(*scale);
    }
  }
  if (auto d = ParseDigits(s)) return d;
  return ParseSpelled(s);
}

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
