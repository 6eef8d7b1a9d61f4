// Exact numbers from text: digits with thousands separators and decimals ("300,000", "12.5"),
// scale words ("300 billion", "1.5bn", "$5M"), and spelled-out numbers ("eighty",
// "thirty-three", "two dozen", "a hundred and five"). Values are exact decimals, never floats:
// 300 billion is 300000000000. Thread-safe.
#ifndef POLICYGRAPH_STAGES_NUMBERS_NUMBER_H_
#define POLICYGRAPH_STAGES_NUMBERS_NUMBER_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "pipeline/annotations.h"
#include "pipeline/rules/normalizer.h"

namespace policygraph {

__extension__ typedef __int128 Int128;  // exact arithmetic on scaled amounts (GCC/Clang)

// mantissa * 10^exponent, exactly.
struct Number {
  Int128 mantissa = 0;
  int exponent = 0;

  // As JSON: an integer when the value is whole (and fits), else a double.
  Json ToJson() const;
  double ToDouble() const;
  bool IsWhole() const;
  Number Times(const Number& other) const;
  bool operator==(const Number& o) const;
};

// Parses a whole number expression (surrounding spaces allowed). nullopt when `text` is not one.
std::optional<Number> ParseNumber(std::string_view text);
// The multiplier of a scale word ("thousand", "k", "million", "mn", "MM", "bn", "billion",
// "trillion", "tn"; case-insensitive, trailing '.' allowed). nullopt when not one.
std::optional<Number> ParseScale(std::string_view word);

// Normalizer `number`: value = number in group `number` times the scale in group `scale`.
bool NormalizeNumberGroup(const RuleMatch& m, NormalizedValue* out);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_NUMBERS_NUMBER_H_
