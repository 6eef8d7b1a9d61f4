// The MONEY stage's normalizers. A money rule names its pieces with groups:
//   currency  / currency2  a {currency_prefix} or {currency_suffix} lexicon entry (ISO 4217 key);
//                          without one, the rule's `params: {currency: XXX}` gives the code
//   number / number2       the amount, scale included ("300 billion", "5M", "half a million")
//   qualifier, post, verb  "up to", "or less", "shall not exceed" -> mod
//   code                   an ISO code in parentheses after the word ("dollar (USD)"); must agree
//   between, sep           range syntax ("between $5 and $10 million", "$2-3 billion")
// `params: {exponent: -2}` scales the amount by 10^exponent (cents). Values are exact.
#ifndef POLICYGRAPH_STAGES_MONEY_MONEY_H_
#define POLICYGRAPH_STAGES_MONEY_MONEY_H_

#include <optional>
#include <string>
#include <string_view>

#include "pipeline/rules/normalizer.h"
#include "stages/numbers/number.h"

namespace policygraph {

// {"amount": amount, "currency": currency}.
Json MoneyValue(const Number& amount, std::string_view currency);
// {"min": min, "max": max, "currency": currency}.
Json MoneyRangeValue(const Number& min, const Number& max, std::string_view currency);

// The bounds of a range written "A-B", "A to B": when only B carries a scale ("$2-3 billion",
// "between $5 and $10 million") and A is not larger than B, the scale applies to both; otherwise
// each is read as written ("$500 to $2 million"). nullopt when either fails to parse or min > max.
std::optional<std::pair<Number, Number>> ParseRangeBounds(std::string_view a, std::string_view b);

// Normalizer `money`: one amount.
bool NormalizeMoney(const RuleMatch& m, NormalizedValue* out);
// Normalizer `money_range`: a range; "and" as the separator needs "between", and a word separator
// ("to", "through") needs a currency or a scale on the second number.
bool NormalizeMoneyRange(const RuleMatch& m, NormalizedValue* out);
// Normalizer `money_compound`: an amount in a major and a minor unit ("5 dollars and 50 cents",
// "3 pounds 20 pence", "one kuai and five mao"): groups 'number' + 'currency' (or 'currency2'), 'minor_number' +
// 'minor' (a currency_minor entry that fits the currency, fewer minor units than make a major one).
bool NormalizeMoneyCompound(const RuleMatch& m, NormalizedValue* out);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_MONEY_MONEY_H_
