// Exact numbers from text: digits with thousands separators and decimals ("300,000", "12.5"),
// scale words ("300 billion", "1.5bn", "$5M" -> "5M", "2 MM", "50k"), spelled-out numbers
// ("eighty", "thirty-three", "two dozen", "a hundred and five", parsed with ICU's English
// spell-out rules), halves and other decimal fractions ("half a million", "two and a half
// billion", "3/4", "three-quarters"). Values are exact decimals, never floats: 300 billion is
// mantissa 3, exponent 11, and 0.07 stays 7e-2. Thread-safe.
//
//   std::optional<Number> n = ParseNumber("1.5 billion");  // {15, 8}
//   n->ToJson();                                           // 1500000000
#ifndef POLICYGRAPH_STAGES_NUMBERS_NUMBER_H_
#define POLICYGRAPH_STAGES_NUMBERS_NUMBER_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "pipeline/core/annotations.h"
#include "pipeline/rules/normalizer.h"

namespace policygraph {

__extension__ typedef __int128 Int128;  // exact arithmetic on scaled amounts (GCC/Clang)

// mantissa * 10^exponent, exactly.
struct Number {
  Int128 mantissa = 0;
  int exponent = 0;

  // As JSON: an integer when the value is whole and fits in int64, else the nearest double
  // (computed by one correctly rounded division, so 76.5 and 0.07 print as written).
  Json ToJson() const;
  double ToDouble() const;
  // True when the value has no fractional part.
  bool IsWhole() const;
  // The value as int64 when whole and in range; nullopt otherwise.
  std::optional<int64_t> ToInt64() const;
  Number Times(const Number& other) const;
  Number Plus(const Number& other) const;
  bool operator==(const Number& o) const;
  bool operator<(const Number& o) const;
};

// Parses a whole number expression (surrounding spaces allowed): "300,000", "12.5", "1.5bn",
// "300 billion", "thirty-three", "a hundred and five", "two dozen", "half a million",
// "two and a half million", "3/4", "one-half". nullopt when `text` is not one, or when a fraction
// has no exact decimal value ("1/3").
std::optional<Number> ParseNumber(std::string_view text);
// The multiplier of a scale word ("thousand", "k", "million", "m", "mn", "MM", "bn", "billion",
// "trillion", "tn", "hundred", "dozen"; case-insensitive except "M"/"B"/"T"; a trailing '.' is
// allowed). nullopt when not one.
std::optional<Number> ParseScale(std::string_view word);
// The multiplier of the scale word that ends `text` ("3 billion" -> 1e9, "5M" -> 1e6), or nullopt
// when `text` does not end in one. Used to share a range's scale ("$2-3 billion").
std::optional<Number> TrailingScale(std::string_view text);

// Normalizer `number`: value = number in group `number` times the scale in group `scale`.
bool NormalizeNumberGroup(const RuleMatch& m, NormalizedValue* out);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_NUMBERS_NUMBER_H_
